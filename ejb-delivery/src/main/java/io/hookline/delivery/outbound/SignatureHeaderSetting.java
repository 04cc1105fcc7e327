package io.hookline.delivery.outbound;

import io.hookline.runtime.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which signature headers deliveries carry, as configured, read when the application starts. A
 * value that does not parse stops the deployment with its reason in the log.
 */
@ApplicationScoped
public class SignatureHeaderSetting {
  private static final Logger LOG = Logger.getLogger(SignatureHeaderSetting.class.getName());

  @Inject
  @ConfigProperty(name = "hookline.delivery.signature-headers", defaultValue = "both")
  String text;

  private SignatureHeaders choice;

  @PostConstruct
  void init() {
    try {
      choice = SignatureHeaders.parse(text);
    } catch (IllegalArgumentException wrong) {
      throw StartupFailure.logged(
          LOG,
          new IllegalArgumentException(
              "HOOKLINE_DELIVERY_SIGNATURE_HEADERS: " + wrong.getMessage(), wrong));
    }
  }

  /** Makes the container create the bean, and run {@link #init()}, while it deploys. */
  void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {}

  public SignatureHeaders choice() {
    return choice;
  }
}

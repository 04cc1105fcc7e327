package io.hookline.runtime;

import io.hookline.egress.TargetCheck;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The operator's target rules: https only and no internal addresses, unless allowed. */
@ApplicationScoped
public class DeliveryTargets {
  private static final Logger LOG = Logger.getLogger(DeliveryTargets.class.getName());

  @Inject
  @ConfigProperty(name = "hookline.delivery.allow-http", defaultValue = "false")
  boolean allowHttp;

  @Inject
  @ConfigProperty(name = "hookline.delivery.allow-private-targets", defaultValue = "false")
  boolean allowPrivate;

  private TargetCheck check;

  @PostConstruct
  void init() {
    check = new TargetCheck(allowHttp, allowPrivate, InetAddress::getAllByName);
  }

  void announce(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (allowPrivate) {
      LOG.warning(
          "HOOKLINE_DELIVERY_ALLOW_PRIVATE_TARGETS is on: endpoints may point at loopback and internal networks");
    }
    if (allowHttp) {
      LOG.warning("HOOKLINE_DELIVERY_ALLOW_HTTP is on: endpoints may use plain http");
    }
  }

  /** For saving an endpoint: a host that does not resolve yet is accepted. */
  public String refusalToSave(String url) {
    return check.refusal(url, false);
  }

  /** Name resolution for outbound connections, refusing internal addresses unless allowed. */
  public TargetCheck.Resolver connectResolver() {
    return check::addressesToConnect;
  }

  /** For a delivery try, just before connecting. */
  public String refusalToDeliver(String url) {
    return check.refusal(url, true);
  }
}

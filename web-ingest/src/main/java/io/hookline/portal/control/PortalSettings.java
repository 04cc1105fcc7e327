package io.hookline.portal.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The portal page's deployment settings, read and checked when the application starts: a value that
 * does not parse stops the deployment, with the reason in the log.
 */
@ApplicationScoped
public class PortalSettings {
  @Inject
  @ConfigProperty(name = "hookline.portal.frame-ancestors")
  Optional<String> frameAncestors;

  private String policy;

  @PostConstruct
  void read() {
    List<String> sources = FrameAncestors.parse(frameAncestors.orElse(null));
    policy = FrameAncestors.policy(sources);
  }

  /** Makes the check happen at start rather than on the page's first request. */
  void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {}

  /** The page's Content-Security-Policy header. */
  public String contentSecurityPolicy() {
    return policy;
  }
}

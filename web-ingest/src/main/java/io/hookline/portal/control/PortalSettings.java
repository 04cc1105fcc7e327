package io.hookline.portal.control;

import io.hookline.runtime.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The portal page's deployment settings, read and checked when the application starts: a value that
 * does not parse stops the deployment, with the reason in the log. {@code
 * hookline.portal.allow-http} (on under {@code ./hookline up}, off by default) lets the page's
 * address and framing origins be plain http.
 */
@ApplicationScoped
public class PortalSettings {
  private static final Logger LOG = Logger.getLogger(PortalSettings.class.getName());

  @Inject
  @ConfigProperty(name = "hookline.portal.frame-ancestors")
  Optional<String> frameAncestors;

  @Inject
  @ConfigProperty(name = "hookline.portal.url")
  Optional<String> portalUrl;

  @Inject
  @ConfigProperty(name = "hookline.portal.allow-http", defaultValue = "false")
  boolean allowHttp;

  private String policy;
  private String url;

  @PostConstruct
  void read() {
    try {
      List<String> sources = FrameAncestors.parse(frameAncestors.orElse(null), allowHttp);
      policy = FrameAncestors.policy(sources);
      url = PortalUrl.parse(portalUrl.orElse(null), allowHttp);
    } catch (IllegalArgumentException wrong) {
      throw StartupFailure.logged(LOG, wrong);
    }
    if (url == null) {
      LOG.warning(
          "HOOKLINE_PORTAL_URL is not set: portal links will point at the host each"
              + " app-portal-access request names in its Host header. Set it to the portal page's"
              + " public address (https://.../portal/).");
    }
  }

  /** Makes the check happen at start rather than on the page's first request. */
  void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {}

  /** The page's Content-Security-Policy header. */
  public String contentSecurityPolicy() {
    return policy;
  }

  /** The page's public address, checked; empty when unset. */
  public Optional<String> url() {
    return Optional.ofNullable(url);
  }
}

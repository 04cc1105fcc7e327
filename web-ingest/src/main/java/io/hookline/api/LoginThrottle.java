package io.hookline.api;

import io.hookline.runtime.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's count of failed authentications per client address ({@link AuthFailures}), the
 * client's address taken from the trusted proxies' header when the peer is one ({@link
 * ClientAddress}); and of each portal link's requests, which the same per-key window counter caps.
 */
@ApplicationScoped
public class LoginThrottle {
  private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

  @Inject
  @ConfigProperty(name = "hookline.auth.max-failures", defaultValue = "20")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "hookline.trusted-proxies")
  Optional<String> trustedProxies;

  @Inject
  @ConfigProperty(name = "hookline.trusted-proxy-header", defaultValue = "X-Forwarded-For")
  String proxyHeader;

  /**
   * Requests a minute one portal link may make on this node: the page makes a handful per view, so
   * this only stops a link's holder from driving the API (and its reads) as fast as it can.
   */
  @Inject
  @ConfigProperty(name = "hookline.portal.max-requests", defaultValue = "600")
  int portalMaxRequests;

  private AuthFailures failures;
  private AuthFailures portalRequests;
  private ClientAddress clients;

  @PostConstruct
  void init() {
    failures = new AuthFailures(maxFailures, Duration.ofMinutes(1));
    if (portalMaxRequests < 1) {
      throw StartupFailure.logged(
          LOG,
          new IllegalArgumentException(
              "HOOKLINE_PORTAL_MAX_REQUESTS must be at least 1, not " + portalMaxRequests));
    }
    // Each request is counted as AuthFailures counts failures: past the limit in a window, the
    // key waits for the window's end.
    portalRequests = new AuthFailures(portalMaxRequests, Duration.ofMinutes(1));
    try {
      clients = ClientAddress.parse(trustedProxies.orElse(""), proxyHeader);
    } catch (IllegalArgumentException wrong) {
      throw StartupFailure.logged(
          LOG,
          new IllegalArgumentException(
              "HOOKLINE_TRUSTED_PROXIES or HOOKLINE_TRUSTED_PROXY_HEADER: " + wrong.getMessage(),
              wrong));
    }
  }

  /** Makes the container create the bean, and check its settings, while it deploys. */
  void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {}

  /** The client's address: the peer's, or what the trusted proxies in front of it saw. */
  public String clientAddress(HttpServletRequest http) {
    String header = clients.headerName();
    Enumeration<String> lines = header == null ? null : http.getHeaders(header);
    String forwarded =
        lines == null || !lines.hasMoreElements()
            ? null
            : String.join(",", Collections.list(lines));
    return clients.resolve(http.getRemoteAddr(), forwarded);
  }

  /** How long the address must wait, or null when it may try. */
  public Duration blocked(String address) {
    return failures.blocked(address, System.nanoTime());
  }

  public void failed(String address) {
    failures.failed(address, System.nanoTime());
  }

  /**
   * Counts one request of the portal link {@code tokenId}; how long it must wait when it is over
   * its limit (the request is then not counted), or null.
   */
  public Duration portalRequest(String tokenId) {
    long now = System.nanoTime();
    Duration wait = portalRequests.blocked(tokenId, now);
    if (wait == null) {
      portalRequests.failed(tokenId, now);
    }
    return wait;
  }
}

package io.hookline.runtime;

import io.hookline.egress.BoundedResolver;
import io.hookline.egress.TargetCheck;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
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

  /** The longest a delivery's name lookup may take (the connect timeout's setting). */
  @Inject
  @ConfigProperty(name = "hookline.delivery.connect-timeout", defaultValue = "PT5S")
  Duration lookupLimit;

  /** For the checks made before a call, each lookup bounded in time. */
  private TargetCheck check;

  /** For the call's own connection: the HTTP client bounds its lookups itself. */
  private TargetCheck connectCheck;

  private BoundedResolver names;

  @PostConstruct
  void init() {
    names = new BoundedResolver(InetAddress::getAllByName, lookupLimit);
    check = new TargetCheck(allowHttp, allowPrivate, names);
    connectCheck = new TargetCheck(allowHttp, allowPrivate, InetAddress::getAllByName);
  }

  @PreDestroy
  void close() {
    names.close();
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
    return connectCheck::addressesToConnect;
  }

  /** For a delivery try, just before connecting. */
  public String refusalToDeliver(String url) {
    return check.refusal(url, true);
  }
}

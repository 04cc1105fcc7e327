package io.hookline.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This node's count of failed authentications per client address ({@link AuthFailures}). */
@ApplicationScoped
public class LoginThrottle {
  @Inject
  @ConfigProperty(name = "hookline.auth.max-failures", defaultValue = "20")
  int maxFailures;

  private AuthFailures failures;

  @PostConstruct
  void init() {
    failures = new AuthFailures(maxFailures, Duration.ofMinutes(1));
  }

  /** How long the address must wait, or null when it may try. */
  public Duration blocked(String address) {
    return failures.blocked(address, System.nanoTime());
  }

  /** See {@link AuthFailures#anyFailures()}. */
  public boolean anyFailures() {
    return failures.anyFailures();
  }

  public void failed(String address) {
    failures.failed(address, System.nanoTime());
  }
}

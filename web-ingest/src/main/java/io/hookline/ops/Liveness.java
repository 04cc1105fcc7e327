package io.hookline.ops;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Alive as long as the application answers. Dependencies belong to readiness: restarting a node
 * because the database is away would not bring the database back.
 */
@org.eclipse.microprofile.health.Liveness
@ApplicationScoped
public class Liveness implements HealthCheck {
  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("hookline").up().build();
  }
}

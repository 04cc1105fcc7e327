package io.hookline.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Never called. Payara turns MicroProfile Fault Tolerance on for an EAR only when one of its WARs
 * uses an FT annotation; without this, the EAR's ejb module (OutboundCall) would run unguarded.
 */
@ApplicationScoped
public class FaultToleranceSwitch {
  @Retry(maxRetries = 0)
  public void enablesFaultToleranceInTheEar() {
    // Nothing: its annotation is the point.
  }
}

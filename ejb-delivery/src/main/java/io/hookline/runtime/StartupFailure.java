package io.hookline.runtime;

import java.util.logging.Logger;

/**
 * Payara reports a bean whose {@code @PostConstruct} threw as a bare "WELD-000049: Unable to invoke
 * ... init()", without the exception's message: a setting refused at start is logged here first,
 * where the operator reads why the application did not start.
 */
public final class StartupFailure {
  private StartupFailure() {}

  /** Logs the refusal's message at SEVERE and hands it back, to be thrown. */
  public static <E extends RuntimeException> E logged(Logger log, E refusal) {
    log.severe(refusal.getMessage());
    return refusal;
  }
}

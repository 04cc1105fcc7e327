package io.hookline.inbound.verify;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The content replay window: for a source whose delivery id is not signed ({@link
 * Protection#needsContentWindow()}), a body identical byte for byte to one the source received
 * within the window is a replay, whatever delivery id comes with it. Zero turns it off.
 */
public record ReplayWindow(Duration length) {
  public ReplayWindow {
    if (length == null || length.isNegative()) {
      throw new IllegalArgumentException(
          "HOOKLINE_INBOUND_REPLAY_WINDOW must be a duration of zero or more, not " + length);
    }
  }

  /** Whether a request to a source with this protection is checked for a replayed body. */
  public boolean appliesTo(Protection protection) {
    return !length.isZero() && protection.needsContentWindow();
  }

  /** The earliest receipt a replay is compared with. */
  public OffsetDateTime since(OffsetDateTime now) {
    return now.minus(length);
  }

  /**
   * What concurrent copies of one body to one source serialise on, so that the second sees the
   * first. Never equal to a delivery id's key: those have no "\nbody\n" in them.
   */
  public static String key(String sourceId, String bodySha256) {
    return sourceId + "\nbody\n" + bodySha256;
  }
}

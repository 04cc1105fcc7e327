package io.hookline.bench;

/**
 * The benchmark's event payload: about 1 KB of JSON that names the phase it was sent in and when it
 * was meant to be sent, so the receiver can tell phases apart and time each delivery without asking
 * Hookline. The ceiling measurement inserts the same bytes.
 */
public final class Payloads {
  static final int SIZE = 1024;
  private static final String PHASE = "{\"phase\":";
  private static final String SENT = ",\"sentNanos\":";
  private static final String FILLER;

  static {
    StringBuilder filler = new StringBuilder();
    while (filler.length() < SIZE) {
      filler.append("lorem ipsum dolor sit amet ");
    }
    FILLER = filler.toString();
  }

  private Payloads() {}

  /** A payload of {@link #SIZE} characters or a little more. */
  public static String of(int phase, long sentNanos, long sequence) {
    String head =
        PHASE
            + phase
            + SENT
            + sentNanos
            + ",\"sequence\":"
            + sequence
            + ",\"customer\":{\"id\":\"cus_"
            + sequence
            + "\",\"plan\":\"pro\"},\"note\":\"";
    int room = Math.max(0, SIZE - head.length() - 2);
    return head + FILLER.substring(0, room) + "\"}";
  }

  /** The phase a delivered body was sent in, or -1 if it is not one of ours. */
  public static int phase(String body) {
    if (!body.startsWith(PHASE)) {
      return -1;
    }
    int end = body.indexOf(',', PHASE.length());
    return end < 0 ? -1 : parseIntOr(body, PHASE.length(), end);
  }

  /** When the body's event was meant to be sent ({@link System#nanoTime()} of this JVM). */
  public static long sentNanos(String body) {
    int at = body.indexOf(SENT);
    if (at < 0) {
      throw new IllegalArgumentException("no send time in the body");
    }
    int start = at + SENT.length();
    int end = body.indexOf(',', start);
    return Long.parseLong(body, start, end, 10);
  }

  private static int parseIntOr(String text, int start, int end) {
    try {
      return Integer.parseInt(text, start, end, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

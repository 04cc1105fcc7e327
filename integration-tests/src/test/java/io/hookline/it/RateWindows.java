package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

/** Requests' arrival times checked against a token bucket's rate, for the rate-limit tests. */
final class RateWindows {
  private RateWindows() {}

  /**
   * A bucket of {@code rate} tokens refilled at {@code rate} a second lets at most rate + rate * t
   * through in any window of t seconds, whatever came before: a burst of {@code rate} (after a
   * quiet spell the bucket is full again), never more. Checked over every window of five seconds
   * and more, where the receiver's timing jitter (the first requests to a new receiver open
   * connections and can arrive together) is small against the 10% margin; and the whole run is not
   * needlessly slower than half the rate.
   *
   * @param requests in the order they arrived
   */
  static void assertKeptTo(int rate, List<Receiver.Received> requests) {
    double worst = Double.NEGATIVE_INFINITY;
    String worstWindow = "";
    for (int i = 0; i < requests.size(); i++) {
      for (int j = i + 1; j < requests.size(); j++) {
        double seconds = seconds(requests.get(i), requests.get(j));
        double beyondBurst = (j - i + 1 - rate) / seconds;
        if (seconds >= 5 && beyondBurst > worst) {
          worst = beyondBurst;
          worstWindow = (j - i + 1) + " requests in " + seconds + " s";
        }
      }
    }
    assertFalse(
        worstWindow.isEmpty(), requests.size() + " requests at " + rate + "/s took under 5 s");
    assertTrue(
        worst <= rate * 1.1,
        "beyond the burst, "
            + worst
            + "/s ("
            + worstWindow
            + "), limit "
            + rate
            + "; arrivals (ms): "
            + requests.stream()
                .map(r -> Duration.between(requests.get(0).at(), r.at()).toMillis())
                .toList());
    double overall =
        (requests.size() - rate) / seconds(requests.get(0), requests.get(requests.size() - 1));
    assertTrue(overall >= rate * 0.5, "and not needlessly slower: " + overall + "/s");
  }

  private static double seconds(Receiver.Received from, Receiver.Received to) {
    return Duration.between(from.at(), to.at()).toNanos() / 1e9;
  }
}

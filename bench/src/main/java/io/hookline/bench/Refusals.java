package io.hookline.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * The refusals a stream met, by kind, split into those a client should expect from a cluster under
 * a fault and those that fail the run: any answer of a node that had reported ready other than
 * Hookline's 503 (an outage it names) or 409 (the same Idempotency-Key being processed: send it
 * again). HAProxy's own answers (no node named: every node was out of its rotation, or the one it
 * chose died mid-request), a connection closed without an answer, and the container's answer from a
 * node that has not reported ready since it started are expected.
 */
final class Refusals {
  private final BiPredicate<String, Long> reportedReady;
  private final Map<String, Long> expected = new ConcurrentHashMap<>();
  private final Map<String, Long> forbidden = new ConcurrentHashMap<>();

  /**
   * @param reportedReady whether the node of a name had reported ready, since it last started,
   *     before a time ({@link System#nanoTime()})
   */
  Refusals(BiPredicate<String, Long> reportedReady) {
    this.reportedReady = reportedReady;
  }

  /** Counts one refused send, answered at {@code answeredAt}. */
  void count(HooklineClient.Sent sent, long answeredAt) {
    String reason = classify(reportedReady, sent, answeredAt);
    (reason.startsWith("!") ? forbidden : expected)
        .merge(reason.substring(reason.startsWith("!") ? 1 : 0), 1L, Long::sum);
  }

  /**
   * Sends the event under its Idempotency-Key until it is accepted or {@code giveUpAt} (a nanoTime)
   * has passed, every quarter second, as a client told 503 does; counts each refusal.
   *
   * @return the message id, or null when it was still refused
   */
  String sendUntilAccepted(
      HooklineClient client, String app, String payload, String key, long giveUpAt) {
    while (true) {
      HooklineClient.Sent sent = client.sendForId(app, payload, key);
      long answeredAt = System.nanoTime();
      if (sent.id() != null) {
        return sent.id();
      }
      count(sent, answeredAt);
      if (answeredAt > giveUpAt) {
        return null;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  Map<String, Long> expected() {
    return new TreeMap<>(expected);
  }

  Map<String, Long> forbidden() {
    return new TreeMap<>(forbidden);
  }

  /** Why a send was refused, prefixed with {@code !} when the refusal fails the run. */
  static String classify(
      BiPredicate<String, Long> reportedReady, HooklineClient.Sent sent, long answeredAt) {
    String refusal = sent.refusal();
    if (refusal.startsWith("no-answer:")) {
      return refusal;
    }
    if (sent.node() == null) {
      return "balancer:" + refusal.replace("not-hookline:", "");
    }
    if (refusal.equals("503") || refusal.equals("409")) {
      return refusal;
    }
    if (refusal.startsWith("not-hookline:")
        && !refusal.equals("not-hookline:500")
        && !reportedReady.test(sent.node(), answeredAt)) {
      return "starting:" + refusal.replace("not-hookline:", "");
    }
    return "!" + refusal + "@" + sent.node();
  }

  /** Refusals as {@code 503×12 balancer:502×3}, or a dash. */
  static String describe(Map<String, Long> byReason) {
    if (byReason.isEmpty()) {
      return "-";
    }
    StringBuilder text = new StringBuilder();
    new TreeMap<>(byReason)
        .forEach(
            (reason, count) ->
                text.append(text.isEmpty() ? "" : " ").append(reason).append('×').append(count));
    return text.toString();
  }
}

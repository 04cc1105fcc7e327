package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonArray;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A try's transaction lasts as long as the subscriber takes to answer. On a server whose
 * transaction service times transactions out sooner than a try may take, the delivery's
 * transactions still get a timeout of their own, longer than any try: a slow subscriber's answer is
 * recorded once, not rolled back and sent again.
 */
class DeliveryTransactionTimeoutIT extends MicroTest {
  /** The server's default transaction timeout here, shorter than the subscriber's answer. */
  static final int SERVER_TRANSACTION_TIMEOUT_SECONDS = 2;

  /** Longer than the server's transaction timeout, within the stack's delivery timeout (5 s). */
  static final Duration ANSWER_AFTER = Duration.ofSeconds(4);

  @BeforeAll
  static void shortServerTransactionTimeout() {
    TestStack.microWithTransactionTimeout(SERVER_TRANSACTION_TIMEOUT_SECONDS);
  }

  @AfterAll
  static void usualServer() {
    TestStack.restoreMicro();
  }

  @Test
  void aSubscriberSlowerThanTheServersTransactionTimeoutGetsTheWebhookOnce() {
    String app = createApp("slow subscriber");
    receiver.slow("/slow", ANSWER_AFTER);
    createEndpoint(app, "/slow");
    String messageId = sendMessage(app, "slow.answer");

    awaitDeliveryStatus(messageId, "DELIVERED");
    assertEquals(1, receiver.received("/slow").size(), "requests to the slow subscriber");
    JsonArray attempts = AttemptLists.oldestFirst(api, app, messageId);
    assertEquals(1, attempts.size(), attempts.toString());
    assertEquals(AttemptLists.SUCCESS, attempts.getJsonObject(0).getInt("status"));
  }
}

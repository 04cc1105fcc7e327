package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A try whose outcome the database will not take: a binary response body, a long error, or a
 * recording that fails whatever it holds. Each ends in a state an operator sees, after a bounded
 * number of requests to the subscriber.
 */
class UnstorableOutcomeIT extends MicroTest {
  /** hookline.delivery.record-failure-limit, left at its default on the test stack. */
  static final int RECORD_FAILURE_LIMIT = 5;

  private String app;

  @BeforeAll
  static void refuseToRecordPoisonTries() {
    PoisonTrigger.install();
  }

  @AfterAll
  static void removeTrigger() {
    PoisonTrigger.remove();
  }

  @BeforeEach
  void newApp() {
    app = createApp("unstorable outcomes");
  }

  private JsonArray attempts(String messageId) {
    return AttemptLists.oldestFirst(api, app, messageId);
  }

  @Test
  void aBinaryResponseBodyIsRecordedAndTheScheduleFollowed() {
    byte[] gzipStart = {0x1f, (byte) 0x8b, 0x00, 0x00, 0x41};
    receiver.script(
        "/binary",
        Receiver.Reply.withBody(500, gzipStart),
        Receiver.Reply.withBody(200, gzipStart));
    createEndpoint(app, "/binary");
    String messageId = sendMessage(app, "binary.body");

    awaitDeliveryStatus(messageId, "DELIVERED");
    assertEquals(2, receiver.received("/binary").size(), "one request per scheduled try");
    JsonArray attempts = attempts(messageId);
    assertEquals(2, attempts.size(), attempts.toString());
    assertEquals(AttemptLists.FAIL, attempts.getJsonObject(0).getInt("status"));
    assertEquals(AttemptLists.SUCCESS, attempts.getJsonObject(1).getInt("status"));
    for (JsonObject attempt : attempts.getValuesAs(JsonObject.class)) {
      assertEquals("[base64] H4sAAEE=", attempt.getString("response"), attempt.toString());
    }
  }

  @Test
  void aLongHostThatDoesNotResolveFailsEachTryAndDies() {
    StringBuilder host = new StringBuilder();
    while (host.length() < 1500) {
      host.append("a".repeat(60)).append('.');
    }
    host.append("invalid");
    String url = "http://" + host + "/long";
    api.create(
        "/api/v1/app/" + app + "/endpoint",
        jakarta.json.Json.createObjectBuilder().add("url", url).build());
    String messageId = sendMessage(app, "long.host");

    awaitDeliveryStatus(messageId, "DEAD");
    JsonArray attempts = attempts(messageId);
    assertEquals(TestStack.MAX_ATTEMPTS, attempts.size(), attempts.toString());
    for (JsonObject attempt : attempts.getValuesAs(JsonObject.class)) {
      String error = attempt.getString("error");
      assertTrue(error.length() <= 1024, error.length() + " characters");
    }
  }

  @Test
  void aTryThatCannotBeRecordedEndsDeadAfterABoundedNumberOfRequests() {
    String endpoint = createEndpoint(app, "/unrecordable");
    String messageId = sendMessage(app, PoisonTrigger.EVENT_TYPE_PREFIX + "single");

    awaitDeliveryStatus(messageId, "DEAD");
    assertEquals(RECORD_FAILURE_LIMIT, receiver.received("/unrecordable").size());
    String reason =
        Sql.strings(
                TestStack.microDatabase(),
                "select dead_reason from delivery where message_id = ? and endpoint_id = ?",
                messageId,
                endpoint)
            .get(0);
    assertTrue(reason.contains("could not be recorded " + RECORD_FAILURE_LIMIT + " times"), reason);
    Eventually.await(
        "its entry on hookline.dlq",
        WAIT,
        () -> BrokerProbe.count("hookline.dlq", "hooklineMessageId = '" + messageId + "'"),
        n -> n == 1);
    assertEquals(0, attempts(messageId).size(), "no try could be recorded");
    assertEquals(List.of("DEAD"), deliveryStatus(messageId));
  }
}

package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.devstack.Database;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The database is the source of truth: a delivery whose JMS message is gone (here, never sent) is
 * found by the reconciler (every second in the tests, 2 s grace) and delivered.
 */
class ReconcilerIT extends MicroTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  void aDeliveryWhoseJmsMessageIsMissingIsDeliveredAnyway() throws Exception {
    String app = createApp("reconciler");
    String endpoint =
        api.create(
                "/api/v1/app/" + app + "/endpoint",
                Json.createObjectBuilder()
                    .add("url", receiver.url("/lost"))
                    .add("secret", SECRET)
                    .build())
            .getString("id");
    String messageId = "msg_LOSTJOURNAL" + Long.toString(System.nanoTime(), 36).toUpperCase();

    // As if the broker lost its journal: the rows committed, no JMS message exists.
    Database db = TestStack.microDatabase();
    try (Connection connection = db.connect()) {
      execute(
          connection,
          "insert into message (id, app_id, event_type, payload, created_at) values (?, ?, 'lost.found', '{\"lost\":true}', now() - interval '1 hour')",
          messageId,
          app);
      execute(
          connection,
          "insert into delivery (id, message_id, endpoint_id, status, attempt_count, created_at, next_attempt_at) values (?, ?, ?, 'PENDING', 0, now() - interval '1 hour', now() - interval '1 hour')",
          "dlv_" + messageId.substring(4),
          messageId,
          endpoint);
    }

    Receiver.Received request = receiver.await("/lost", 1, Duration.ofSeconds(30)).get(0);
    assertEquals(messageId, request.header("webhook-id"));
    assertTrue(StandardWebhooks.verifies(SECRET, request));
    assertEquals(
        "{\"lost\":true}", new String(request.body(), java.nio.charset.StandardCharsets.UTF_8));
    JsonArray attempts =
        Eventually.await(
            "the attempt recorded",
            Duration.ofSeconds(30),
            () -> AttemptLists.oldestFirst(api, app, messageId),
            a -> !a.isEmpty());
    assertEquals(AttemptLists.SUCCESS, attempts.getJsonObject(0).getInt("status"));
    assertEquals(1, receiver.received("/lost").size());
  }

  private static void execute(Connection connection, String sql, String... params)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setString(i + 1, params[i]);
      }
      statement.executeUpdate();
    }
  }
}

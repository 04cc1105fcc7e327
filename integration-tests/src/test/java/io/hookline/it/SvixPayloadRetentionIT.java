package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.svix.exceptions.ApiException;
import com.svix.models.ApplicationOut;
import com.svix.models.EndpointIn;
import com.svix.models.MessageOut;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Svix's payloadRetentionPeriod, set through Svix's Java SDK: a message's payload is kept that many
 * days (90 unless it asks for 5 to 90), then the retention job (every second in the tests) removes
 * it while the message, its deliveries and its attempts stay. Rather than waiting days, the test
 * moves a short-period message's stored expiry into the past.
 */
class SvixPayloadRetentionIT extends MicroTest {

  @Test
  void aShortPeriodsPayloadIsRemovedAndADefaultOneKept() throws Exception {
    ApplicationOut app = SvixMessageIT.app("retention");
    String endpoint =
        SvixMessageIT.svix()
            .getEndpoint()
            .create(
                app.getId(),
                new EndpointIn().url(java.net.URI.create(receiver.url("/svix-retention"))))
            .getId();
    MessageOut brief =
        SvixMessageIT.svix()
            .getMessage()
            .create(
                app.getId(),
                SvixMessageIT.message("retention.brief", "{\"card\":\"4242\"}")
                    .eventId(SvixMessageIT.RUN + "brief")
                    .payloadRetentionPeriod(5L));
    MessageOut kept =
        SvixMessageIT.svix()
            .getMessage()
            .create(app.getId(), SvixMessageIT.message("retention.kept", "{\"card\":\"5555\"}"));
    receiver.await("/svix-retention", 2, WAIT);
    awaitDeliveryStatus(brief.getId(), "DELIVERED");
    awaitDeliveryStatus(kept.getId(), "DELIVERED");

    // The periods the SDK sent, as stored: 5 days, and Svix's default of 90.
    assertEquals(Duration.ofDays(5), keptFor(brief.getId()));
    assertEquals(Duration.ofDays(90), keptFor(kept.getId()));

    // Five days later, as far as the brief message's expiry knows.
    Sql.update(
        TestStack.microDatabase(),
        "update message set payload_expires_at = now() - interval '1 second' where id = ?",
        brief.getId());
    Eventually.await(
        "the brief message's payload removed",
        WAIT,
        () ->
            Sql.count(
                TestStack.microDatabase(),
                "select count(*) from message where id = ? and payload is null",
                brief.getId()),
        n -> n == 1);

    MessageOut expired = SvixMessageIT.svix().getMessage().get(app.getId(), brief.getId());
    assertEquals(Map.of("expired", true), expired.getPayload(), "as Svix shows it");
    assertEquals("retention.brief", expired.getEventType());
    assertEquals(SvixMessageIT.RUN + "brief", expired.getEventId());
    assertEquals(brief.getTimestamp(), expired.getTimestamp());
    assertEquals(
        brief.getId(),
        SvixMessageIT.svix().getMessage().get(app.getId(), SvixMessageIT.RUN + "brief").getId(),
        "still found by its eventId");
    assertEquals(
        1,
        SvixMessageIT.svix()
            .getMessageAttempt()
            .listByMsg(app.getId(), brief.getId())
            .getData()
            .size(),
        "its attempt stays");
    assertEquals(List.of("DELIVERED"), deliveryStatus(brief.getId()), "its delivery stays");

    MessageOut stillThere = SvixMessageIT.svix().getMessage().get(app.getId(), kept.getId());
    assertEquals(Map.of("card", "5555"), stillThere.getPayload());
    assertEquals(
        0,
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from message where id = ? and payload is null",
            kept.getId()),
        "the default period keeps the payload");

    // Nothing is left to send again (the SDK's resend fails inside the SDK: plain HTTP here).
    Api.Response resend =
        api.post(
            "/api/v1/app/"
                + app.getId()
                + "/msg/"
                + brief.getId()
                + "/endpoint/"
                + endpoint
                + "/resend",
            JsonValue.EMPTY_JSON_OBJECT);
    assertEquals(409, resend.status(), resend.body());
    String scrape = api.send("GET", "/metrics", null, null, null).body();
    assertTrue(
        scrape
            .lines()
            .anyMatch(l -> l.startsWith("webhook_retention_deleted_total{kind=\"payloads\"")),
        "the removal is counted");
  }

  @Test
  void aPeriodOutsideFiveToNinetyDaysIsRefused() throws Exception {
    ApplicationOut app = SvixMessageIT.app("retention-bounds");
    for (long days : new long[] {4, 91, 0}) {
      ApiException refused =
          assertThrows(
              ApiException.class,
              () ->
                  SvixMessageIT.svix()
                      .getMessage()
                      .create(
                          app.getId(),
                          SvixMessageIT.message("retention.bad", "{}")
                              .payloadRetentionPeriod(days)));
      assertEquals(422, refused.getCode(), days + " days");
    }
    MessageOut longest =
        SvixMessageIT.svix()
            .getMessage()
            .create(
                app.getId(),
                SvixMessageIT.message("retention.longest", "{}").payloadRetentionPeriod(90L));
    assertEquals(Duration.ofDays(90), keptFor(longest.getId()));
  }

  /** How long after its creation the message's payload is kept, as stored. */
  private static Duration keptFor(String messageId) {
    List<Map<String, String>> row =
        Sql.rows(
            TestStack.microDatabase(),
            "select extract(epoch from payload_expires_at - created_at)::bigint as seconds"
                + " from message where id = ?",
            messageId);
    assertEquals(1, row.size(), messageId);
    return Duration.ofSeconds(Long.parseLong(row.get(0).get("seconds")));
  }
}

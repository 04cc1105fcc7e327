package io.hookline.message.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.DeliveryAttempt;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.message.control.Attempts;
import io.hookline.message.entity.Message;
import io.hookline.platform.Refusal;
import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageViewsTest {
  @Test
  void eventTypesComeRepeatedOrCommaSeparated() {
    assertEquals(List.of("a.b", "c.d", "e"), MessageViews.eventTypes(List.of("a.b,c.d", "e")));
    assertEquals(List.of(), MessageViews.eventTypes(null));
    assertThrows(Refusal.class, () -> MessageViews.eventTypes(List.of("a b")));
  }

  @Test
  void statusesAreSvixs() {
    assertEquals(0, MessageViews.statusQuery("0"));
    assertEquals(3, MessageViews.statusQuery("3"));
    assertEquals(4, MessageViews.statusQuery("4"), "canceled, which com.svix:svix 1.99.1 sends");
    assertNull(MessageViews.statusQuery(null));
    assertThrows(Refusal.class, () -> MessageViews.statusQuery("5"));
    assertThrows(Refusal.class, () -> MessageViews.statusQuery("success"));
  }

  @Test
  void statusCodeClassesAreSvixs() {
    assertEquals(0, MessageViews.statusCodeClassQuery("0"));
    assertEquals(500, MessageViews.statusCodeClassQuery("500"));
    assertNull(MessageViews.statusCodeClassQuery(""));
    assertThrows(Refusal.class, () -> MessageViews.statusCodeClassQuery("404"));
    assertThrows(Refusal.class, () -> MessageViews.statusCodeClassQuery("600"));
    assertThrows(Refusal.class, () -> MessageViews.statusCodeClassQuery("2xx"));
  }

  @Test
  void aDeliveryIsPendingUntilATryOfItsRoundFailedThenSending() {
    OffsetDateTime t0 = OffsetDateTime.parse("2026-11-23T10:00:00Z");
    Delivery delivery = new Delivery("msg_1", "ep_1");
    assertEquals(MessageViews.PENDING, MessageViews.status(delivery));
    delivery.failed(t0, t0.plusSeconds(5));
    assertEquals(MessageViews.SENDING, MessageViews.status(delivery));
    delivery.delivered(t0.plusSeconds(5));
    assertEquals(MessageViews.SUCCESS, MessageViews.status(delivery));
    delivery.newRound(t0.plusMinutes(1));
    assertEquals(MessageViews.PENDING, MessageViews.status(delivery), "a resend, not yet tried");
    delivery.died(t0.plusMinutes(2), "answered 500");
    assertEquals(MessageViews.FAIL, MessageViews.status(delivery));
  }

  @Test
  void anAttemptShowsWhetherItWasAskedForByHand() throws Exception {
    Delivery delivery = new Delivery("msg_1", "ep_1");
    delivery.failed(OffsetDateTime.parse("2026-11-23T10:00:00Z"), null);
    OffsetDateTime at = OffsetDateTime.parse("2026-11-23T10:00:00Z");
    DeliveryAttempt scheduled =
        new DeliveryAttempt(
            delivery, false, DeliveryAttempt.Outcome.FAILED, 500, "no", null, 12, at);
    DeliveryAttempt manual =
        new DeliveryAttempt(
            delivery, true, DeliveryAttempt.Outcome.SUCCEEDED, 200, "ok", null, 12, at);
    set(scheduled, "id", 1L);
    set(manual, "id", 2L);
    Message message = new Message("app_1", "a.b", null, "{\"a\":1}");
    set(message, "createdAt", at);

    JsonObject first =
        MessageViews.attempt(new Attempts.Attempt(scheduled, "https://x", message), false, true);
    assertEquals(0, first.getInt("triggerType"));
    assertEquals(2, first.getInt("status"));
    assertEquals("{}", first.getString("response"), "left out as Svix leaves it out");
    assertEquals(message.getId(), first.getJsonObject("msg").getString("id"));
    assertEquals(0, first.getJsonObject("msg").getJsonObject("payload").size());
    JsonObject second =
        MessageViews.attempt(new Attempts.Attempt(manual, "https://x", message), true, false);
    assertEquals(1, second.getInt("triggerType"));
    assertEquals("ok", second.getString("response"));
    assertFalse(second.containsKey("msg"));
  }

  @Test
  void instantsAreRfc3339() {
    assertEquals(
        OffsetDateTime.parse("2026-11-23T10:00:00.123456Z"),
        MessageViews.instant("before", "2026-11-23T10:00:00.123456Z"));
    assertNull(MessageViews.instant("after", ""));
    assertThrows(Refusal.class, () -> MessageViews.instant("after", "yesterday"));
  }

  /** Sets a private field of an entity that has no setter for it (the database sets it). */
  private static void set(Object entity, String field, Object value) throws Exception {
    var f = entity.getClass().getDeclaredField(field);
    f.setAccessible(true);
    f.set(entity, value);
  }

  @Test
  void timestampsKeepTheirSecondsOnTheMinute() throws Exception {
    Message message = new Message("app_1", "a.b", null, "{}");
    set(message, "createdAt", OffsetDateTime.parse("2026-11-23T10:00:00Z"));
    // OffsetDateTime.toString() would give 2026-11-23T10:00Z, which strict parsers refuse.
    assertEquals(
        "2026-11-23T10:00:00Z", MessageViews.message(message, true).getString("timestamp"));
  }

  @Test
  void aDestinationShowsTheEndpointAsTheEndpointViewDoes() throws Exception {
    Endpoint endpoint =
        new Endpoint("app_1", "https://example.com/hook", null, List.of("a.b"), "x", "k1");
    endpoint.setUid("billing");
    endpoint.setChannels(List.of("project_1"));
    set(endpoint, "createdAt", OffsetDateTime.parse("2026-11-23T09:00:00Z"));
    set(endpoint, "updatedAt", OffsetDateTime.parse("2026-11-23T11:30:00Z"));
    Delivery delivery = new Delivery("msg_1", endpoint.getId());
    set(delivery, "nextAttemptAt", OffsetDateTime.parse("2026-11-23T12:00:00Z"));

    JsonObject json = MessageViews.destination(new Attempts.Destination(delivery, endpoint));

    assertEquals("billing", json.getString("uid"));
    assertEquals(
        List.of("project_1"),
        json.getJsonArray("channels").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals("2026-11-23T09:00:00Z", json.getString("createdAt"));
    assertEquals("2026-11-23T11:30:00Z", json.getString("updatedAt"));
    assertEquals("2026-11-23T12:00:00Z", json.getString("nextAttempt"));
    assertEquals(1, json.getInt("status"));
  }
}

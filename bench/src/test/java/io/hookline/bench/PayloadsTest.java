package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PayloadsTest {
  @Test
  void aPayloadIsValidJsonOfAboutOneKilobyte() {
    String payload = Payloads.of(3, 123_456_789_012L, 42);
    JsonObject json = Json.createReader(new StringReader(payload)).readObject();
    assertEquals(3, json.getInt("phase"));
    assertEquals(123_456_789_012L, json.getJsonNumber("sentNanos").longValue());
    assertEquals(42, json.getInt("sequence"));
    assertTrue(payload.length() >= Payloads.SIZE && payload.length() < Payloads.SIZE + 64);
  }

  @Test
  void theReceiverReadsPhaseAndSendTimeBackAfterHooklineReserialisedThePayload() {
    String payload = Payloads.of(7, -5_000L, 1);
    // Hookline stores what its JSON parser writes back: key order and numbers must survive that.
    String stored = Json.createReader(new StringReader(payload)).readObject().toString();
    assertEquals(7, Payloads.phase(stored));
    assertEquals(-5_000L, Payloads.sentNanos(stored));
  }

  @Test
  void aBodyThatIsNotOursHasNoPhase() {
    assertEquals(-1, Payloads.phase("{\"other\":1}"));
    assertEquals(-1, Payloads.phase("{\"phase\":x,"));
    assertThrows(IllegalArgumentException.class, () -> Payloads.sentNanos("{}"));
  }
}

package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hookline.platform.Refusal;
import org.junit.jupiter.api.Test;

class IdempotentPostTest {
  @Test
  void theSameQueryAndBodyAreTheSameRequest() {
    assertEquals(
        IdempotentPost.requestHash(null, "{\"name\":\"a\"}"),
        IdempotentPost.requestHash("", "{\"name\":\"a\"}"));
    assertNotEquals(
        IdempotentPost.requestHash(null, "{\"name\":\"a\"}"),
        IdempotentPost.requestHash(null, "{\"name\":\"b\"}"));
    assertNotEquals(
        IdempotentPost.requestHash(null, "{\"name\":\"a\"}"),
        IdempotentPost.requestHash("get_if_exists=true", "{\"name\":\"a\"}"));
  }

  @Test
  void aKeyIsOneTo255VisibleAsciiCharacters() {
    assertDoesNotThrow(
        () -> IdempotentPost.checkKey("idempotency-key", "auto_0b5f8d7e-4a7b-4c3e-9d1f"));
    assertThrows(Refusal.class, () -> IdempotentPost.checkKey("idempotency-key", ""));
    assertThrows(Refusal.class, () -> IdempotentPost.checkKey("idempotency-key", "a b"));
    assertThrows(Refusal.class, () -> IdempotentPost.checkKey("idempotency-key", "k".repeat(256)));
  }

  @Test
  void aRequestKeyIsTheCallersKeyOnTheRoute() {
    String route = "POST v1/app/app_1/endpoint/ep_1/recover";
    String key = IdempotentPost.requestKey("admin", "auto_1", route);
    assertEquals(64, key.length(), "fits recovery_task.request_key");
    assertEquals(key, IdempotentPost.requestKey("admin", "auto_1", route));
    assertNotEquals(key, IdempotentPost.requestKey("app:app_1", "auto_1", route));
    assertNotEquals(key, IdempotentPost.requestKey("admin", "auto_2", route));
    assertNotEquals(key, IdempotentPost.requestKey("admin", "auto_1", route + "x"));
  }
}

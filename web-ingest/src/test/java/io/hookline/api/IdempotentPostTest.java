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
}

package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenCheckTest {

  @Test
  void readsTheBearerToken() {
    assertEquals("abc", TokenCheck.bearer("Bearer abc"));
    assertEquals("abc", TokenCheck.bearer("bearer  abc "));
    assertNull(TokenCheck.bearer("Basic abc"));
    assertNull(TokenCheck.bearer("Bearer "));
    assertNull(TokenCheck.bearer(null));
  }

  @Test
  void onlyTheExactTokenMatches() {
    assertTrue(TokenCheck.matches("s3cret", "s3cret"));
    assertFalse(TokenCheck.matches("s3cret", "s3cre"));
    assertFalse(TokenCheck.matches("s3cret", "s3cret2"));
    assertFalse(TokenCheck.matches("s3cret", null));
  }

  @Test
  void noConfiguredTokenLetsNobodyIn() {
    assertFalse(TokenCheck.matches(null, "anything"));
    assertFalse(TokenCheck.matches("", ""));
    assertFalse(TokenCheck.matches(" ", " "));
  }
}

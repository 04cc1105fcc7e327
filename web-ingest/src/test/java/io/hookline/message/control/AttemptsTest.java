package io.hookline.message.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AttemptsTest {
  @Test
  void anAttemptIdIsItsRowNumberAfterThePrefix() {
    assertEquals(4711L, Attempts.number("atmpt_4711"));
    assertNull(Attempts.number("4711"));
    assertNull(Attempts.number("atmpt_"));
    assertNull(Attempts.number("atmpt_x1"));
    assertNull(Attempts.number(null));
  }
}

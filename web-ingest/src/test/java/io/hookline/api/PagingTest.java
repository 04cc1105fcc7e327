package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hookline.platform.Refusal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTest {
  @Test
  void aQueryTimeIsRfc3339WithAFourDigitYear() {
    assertEquals(
        OffsetDateTime.parse("2026-11-23T10:00:00Z"),
        Paging.queryTime("after", "2026-11-23T10:00:00Z"));
    assertEquals(
        OffsetDateTime.parse("1900-01-01T00:00:00Z"),
        Paging.queryTime("after", "1900-01-01T00:00:00Z"));
    assertEquals(
        OffsetDateTime.parse("9999-12-31T23:59:59-18:00"),
        Paging.queryTime("before", "9999-12-31T23:59:59-18:00"));
    assertEquals(
        OffsetDateTime.parse("0001-01-01T00:00:00Z"),
        Paging.queryTime("before", "0001-01-01T00:00:00Z"));
    assertNull(Paging.queryTime("after", null));
    assertNull(Paging.queryTime("after", ""));
  }

  @Test
  void yearsNoColumnHoldsAreRefusedNotPassedOn() {
    for (String wrong :
        List.of(
            "+999999999-01-01T00:00Z",
            "-999999999-01-01T00:00Z",
            "+10000-01-01T00:00Z",
            "0000-01-01T00:00:00Z",
            "2026-11-23",
            "yesterday")) {
      Refusal refusal = assertThrows(Refusal.class, () -> Paging.queryTime("after", wrong), wrong);
      assertEquals(Refusal.Kind.INVALID, refusal.kind(), wrong);
    }
  }
}

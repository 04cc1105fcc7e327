package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.message.entity.Message;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Time filters as id ranges ({@link Ids#lowestIdAfter}, {@link Ids#idBoundBefore}). */
class IdTimeBoundsTest {
  @Test
  void aMessageMadeInTheTimeRangeIsInsideTheIdRange() {
    Message message = new Message("app_1", "a.b", null, "{}");
    OffsetDateTime made = message.getCreatedAt();
    OffsetDateTime after = made.minusNanos(1_000);
    OffsetDateTime before = made.plusNanos(1_000);
    assertTrue(message.getId().compareTo(Ids.lowestIdAfter("msg", after)) >= 0);
    assertTrue(message.getId().compareTo(Ids.idBoundBefore("msg", before)) < 0);
  }

  @Test
  void theIdRangeLeavesOutMessagesFarOutsideTheTimeRange() {
    Message message = new Message("app_1", "a.b", null, "{}");
    OffsetDateTime made = message.getCreatedAt();
    // A minute is far beyond the second of slack between an id's time and createdAt.
    assertTrue(message.getId().compareTo(Ids.lowestIdAfter("msg", made.plusMinutes(1))) < 0);
    assertTrue(message.getId().compareTo(Ids.idBoundBefore("msg", made.minusMinutes(1))) >= 0);
  }

  @Test
  void extremeInstantsGiveBoundsRatherThanFailing() {
    OffsetDateTime ancient = OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    OffsetDateTime distant = OffsetDateTime.of(999_999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    Message message = new Message("app_1", "a.b", null, "{}");
    assertTrue(message.getId().compareTo(Ids.lowestIdAfter("msg", ancient)) > 0);
    assertTrue(message.getId().compareTo(Ids.idBoundBefore("msg", distant)) < 0);
    assertTrue(message.getId().compareTo(Ids.idBoundBefore("msg", OffsetDateTime.MAX)) < 0);
    assertTrue(message.getId().compareTo(Ids.lowestIdAfter("msg", OffsetDateTime.MIN)) > 0);
    // +999999999-01-01 (toEpochMilli overflows) and 1969 (negative millis) neither throw nor wrap.
    OffsetDateTime farthest = OffsetDateTime.parse("+999999999-01-01T00:00Z");
    assertEquals(Ids.timeBound("msg", (1L << 48) - 1), Ids.lowestIdAfter("msg", farthest));
    assertEquals(
        Ids.timeBound("msg", 0),
        Ids.idBoundBefore("msg", OffsetDateTime.parse("1969-12-31T23:59:59.999Z")));
    assertEquals(Ids.timeBound("msg", 0), Ids.lowestIdAfter("msg", ancient));
  }

  @Test
  void theTimePartIsClampedNotWrapped() {
    assertEquals(0, Ids.idMillis(Instant.parse("1969-12-31T23:59:59Z"), 5_000));
    assertEquals(0, Ids.idMillis(Instant.EPOCH, -1_000));
    assertEquals((1L << 48) - 1, Ids.idMillis(Instant.MAX, 0));
    assertEquals(1_001_000, Ids.idMillis(Instant.ofEpochMilli(1_000_000), 1_000));
  }
}

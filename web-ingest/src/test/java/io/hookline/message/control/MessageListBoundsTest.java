package io.hookline.message.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.message.entity.Message;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MessageListBoundsTest {
  @Test
  void aMessageMadeInTheTimeRangeIsInsideTheIdRange() {
    Message message = new Message("app_1", "a.b", null, "{}");
    OffsetDateTime made = message.getCreatedAt();
    OffsetDateTime after = made.minusNanos(1_000);
    OffsetDateTime before = made.plusNanos(1_000);
    assertTrue(message.getId().compareTo(MessageIntake.lowestIdAfter(after)) >= 0);
    assertTrue(message.getId().compareTo(MessageIntake.idBoundBefore(before)) < 0);
  }

  @Test
  void theIdRangeLeavesOutMessagesFarOutsideTheTimeRange() {
    Message message = new Message("app_1", "a.b", null, "{}");
    OffsetDateTime made = message.getCreatedAt();
    // A minute is far beyond the second of slack between an id's time and createdAt.
    assertTrue(message.getId().compareTo(MessageIntake.lowestIdAfter(made.plusMinutes(1))) < 0);
    assertTrue(message.getId().compareTo(MessageIntake.idBoundBefore(made.minusMinutes(1))) >= 0);
  }

  @Test
  void extremeInstantsGiveBoundsRatherThanFailing() {
    OffsetDateTime ancient = OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    OffsetDateTime distant = OffsetDateTime.of(999_999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    Message message = new Message("app_1", "a.b", null, "{}");
    assertTrue(message.getId().compareTo(MessageIntake.lowestIdAfter(ancient)) > 0);
    assertTrue(message.getId().compareTo(MessageIntake.idBoundBefore(distant)) < 0);
    assertTrue(message.getId().compareTo(MessageIntake.idBoundBefore(OffsetDateTime.MAX)) < 0);
  }
}

package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  void nowIsUtcAtMicrosecondPrecisionLikePostgres() {
    for (int i = 0; i < 100; i++) {
      var now = Timestamps.now();
      assertEquals(0, now.getNano() % 1000, now.toString());
      assertEquals(ZoneOffset.UTC, now.getOffset());
    }
  }

  @Test
  void aDatabaseTimeReadsBackInUtcWhateverTheDriverGave() {
    Instant at = Instant.parse("2026-11-23T10:00:00.123456Z");
    OffsetDateTime utc = at.atOffset(ZoneOffset.UTC);
    assertEquals(utc, Timestamps.fromDatabase(Timestamp.from(at)));
    assertEquals(utc, Timestamps.fromDatabase(at));
    assertEquals(utc, Timestamps.fromDatabase(at.atOffset(ZoneOffset.ofHours(2))));
    assertNull(Timestamps.fromDatabase(null));
    assertThrows(IllegalArgumentException.class, () -> Timestamps.fromDatabase("2026-11-23"));
  }
}

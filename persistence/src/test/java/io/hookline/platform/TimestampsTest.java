package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

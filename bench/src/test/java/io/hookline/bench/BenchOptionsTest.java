package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void defaultsMeasureWhatTheIssueAsksFor() {
    BenchOptions options = BenchOptions.parse();
    assertEquals(Duration.ofSeconds(10), options.duration());
    assertEquals(Duration.ofSeconds(30), options.young());
    assertEquals(Duration.ofSeconds(300), options.warmUp());
    assertEquals(200, options.rate());
    assertEquals(2000, options.sustainRate());
    assertEquals(List.of(1, 10, 100), options.fanouts());
    assertEquals(1_000_000, options.backlog());
  }

  @Test
  void smokeIsShortAndOptionsAfterItStillCount() {
    BenchOptions options = BenchOptions.parse("--smoke", "--duration", "3");
    assertTrue(options.smoke());
    assertEquals(Duration.ofSeconds(3), options.duration());
    assertTrue(options.backlog() < 1_000_000);
    assertEquals(Duration.ofSeconds(2), options.warmUp());
    assertTrue(options.sustainRate() > 0 && options.sustainRate() < 2000);
  }

  @Test
  void listsAndNumbersAreParsed() {
    BenchOptions options =
        BenchOptions.parse(
            "--fanout",
            "1, 5",
            "--rate",
            "50",
            "--url",
            "http://h:1/",
            "--token",
            "t",
            "--warm-up",
            "120");
    assertEquals(List.of(1, 5), options.fanouts());
    assertEquals(Duration.ofSeconds(120), options.warmUp());
    assertEquals(50, options.rate());
    assertEquals("http://h:1", options.url());
  }

  @Test
  void theYoungNodesPhasesCanBeSkippedButNotGivenANegativeLength() {
    assertEquals(Duration.ZERO, BenchOptions.parse("--young", "0").young());
    assertEquals(Duration.ofSeconds(2), BenchOptions.parse("--smoke").young());
    assertEquals(
        Duration.ZERO,
        BenchOptions.parse("--url", "http://h:1", "--token", "t").young(),
        "a running Hookline is not measured as a young node unless asked");
    assertEquals(
        Duration.ofSeconds(5),
        BenchOptions.parse("--url", "http://h:1", "--token", "t", "--young", "5").young());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--young", "-5"))
            .getMessage()
            .contains("--young"));
  }

  @Test
  void theSustainedPhaseCanBeSkippedButNotGivenANegativeRate() {
    assertEquals(0, BenchOptions.parse("--sustain", "0").sustainRate());
    assertEquals(3000, BenchOptions.parse("--sustain", "3000").sustainRate());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--sustain", "-1"))
            .getMessage()
            .contains("--sustain"));
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--rate", "0"))
            .getMessage()
            .contains("at least 1"));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--batch-size", "1001"));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--url", "http://h"));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--duration"));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--nope", "1"));
  }
}

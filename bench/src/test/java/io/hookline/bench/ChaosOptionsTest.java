package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {
  @Test
  void everyFaultByDefaultAndAChosenFewOnRequest() {
    assertEquals(
        List.of("node", "broker", "postgres", "receiver", "failover"),
        ChaosOptions.parse().faults());
    ChaosOptions options = ChaosOptions.parse("--smoke", "--faults", "broker,receiver");
    assertEquals(List.of("broker", "receiver"), options.faults());
    assertEquals(300, options.events());
  }

  @Test
  void anUnknownFaultOrTooFewEventsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--faults", "disk"));
    assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--events", "3"));
    assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--rate"));
  }
}

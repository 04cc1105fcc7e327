package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {
  @Test
  void everyFaultOnThreeNodesByDefaultAndAChosenFewOnRequest() {
    ChaosOptions defaults = ChaosOptions.parse();
    assertEquals(
        List.of("node", "failover", "postgres", "receiver", "slow", "partition"),
        defaults.faults());
    assertEquals(3, defaults.nodes());
    assertNull(defaults.soak(), "no soak unless asked");
    ChaosOptions options = ChaosOptions.parse("--smoke", "--faults", "failover,receiver");
    assertEquals(List.of("failover", "receiver"), options.faults());
    assertEquals(500, options.events());
    assertEquals(Duration.ofMinutes(2), options.soak(), "the smoke ends with a short soak");
  }

  @Test
  void aSoakAloneRunsAtItsOwnRate() {
    ChaosOptions soak = ChaosOptions.parse("--faults", "none", "--soak", "30");
    assertEquals(List.of(), soak.faults());
    assertEquals(Duration.ofMinutes(30), soak.soak());
    assertEquals(300, soak.soakRate());
  }

  @Test
  void anUnknownFaultTooFewEventsOrNodesOrAShortSoakIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--faults", "disk"));
    assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--events", "3"));
    assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--rate"));
    assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--nodes", "1"));
    assertThrows(IllegalArgumentException.class, () -> ChaosOptions.parse("--soak", "0.5"));
  }
}

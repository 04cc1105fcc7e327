package io.hookline.bench;

import java.time.Duration;
import java.util.Map;

/**
 * One measured phase: the load that was driven and what the receiver saw of it.
 *
 * @param fanout endpoints each accepted event goes to
 * @param deliveredDuringLoad first arrivals while the load still ran
 * @param delivered first arrivals by the end of the drain
 * @param deliverySeconds from the start of the load to the last first arrival
 * @param drain from the end of the load until every delivery arrived (or the limit)
 * @param cpuSeconds per watched process group, over load and drain
 * @param jitCpuSeconds the part of {@code cpuSeconds} that the JVMs' JIT compiler threads used
 * @param cpuWindowSeconds how long the CPU was counted: the load and the drain
 * @param young whether it ran in the node's first minute of load, before the warm-up
 */
public record Scenario(
    String name,
    String kind,
    int fanout,
    LoadGenerator.Result load,
    long deliveredDuringLoad,
    long delivered,
    long duplicates,
    long badSignatures,
    double deliverySeconds,
    Duration drain,
    Latencies.Summary endToEnd,
    Map<String, Double> cpuSeconds,
    Map<String, Double> jitCpuSeconds,
    double cpuWindowSeconds,
    boolean young) {

  public long expectedDeliveries() {
    return load.accepted() * fanout;
  }

  /** Deliveries still owed when the load stopped: 0 when delivery kept up. */
  public long backlogAtEnd() {
    return expectedDeliveries() - deliveredDuringLoad;
  }

  public boolean allDelivered() {
    return delivered >= expectedDeliveries();
  }

  /**
   * CPU milliseconds each watched group used per accepted message, its deliveries included; empty
   * when nothing was accepted.
   */
  public Map<String, Double> cpuMsPerMessage() {
    long accepted = load.accepted();
    Map<String, Double> perMessage = new java.util.LinkedHashMap<>();
    if (accepted > 0) {
      cpuSeconds.forEach((group, seconds) -> perMessage.put(group, 1000 * seconds / accepted));
    }
    return perMessage;
  }

  public double deliveriesPerSecond() {
    return deliverySeconds <= 0 ? 0 : delivered / deliverySeconds;
  }
}

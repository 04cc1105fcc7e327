package io.hookline.endpoint.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * An endpoint's circuit breaker and health figures. The transitions are plain methods, so the state
 * machine is tested without a database; the row makes them shared by every node.
 */
@Entity
@Table(name = "endpoint_health")
public class EndpointHealth {
  /** The weight of each new try in the moving average of latency. */
  public static final double LATENCY_WEIGHT = 0.2;

  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /** What a delivery may do now. */
  public sealed interface Gate {}

  public record Call() implements Gate {}

  /** Be the one probe of an open breaker (claim it first: another node may be faster). */
  public record Probe() implements Gate {}

  public record Wait(Duration duration) implements Gate {}

  public enum Change {
    NONE,
    OPENED,
    CLOSED,
    /** Failing for longer than allowed: disable the endpoint. */
    GIVE_UP
  }

  public record Settings(
      int failureThreshold,
      Duration coolDown,
      Duration probeTimeout,
      Duration window,
      Duration giveUpAfter) {}

  @Id
  @Column(name = "endpoint_id")
  private String endpointId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private State state;

  @Column(name = "consecutive_failures", nullable = false)
  private int consecutiveFailures;

  @Column(name = "failing_since")
  private OffsetDateTime failingSince;

  @Column(name = "last_success_at")
  private OffsetDateTime lastSuccessAt;

  @Column(name = "last_failure_at")
  private OffsetDateTime lastFailureAt;

  @Column(name = "opened_at")
  private OffsetDateTime openedAt;

  @Column(name = "probe_started_at")
  private OffsetDateTime probeStartedAt;

  @Column(name = "times_opened", nullable = false)
  private int timesOpened;

  @Column(name = "window_start")
  private OffsetDateTime windowStart;

  @Column(name = "window_successes", nullable = false)
  private int windowSuccesses;

  @Column(name = "window_failures", nullable = false)
  private int windowFailures;

  @Column(name = "avg_latency_ms", nullable = false)
  private double avgLatencyMs;

  protected EndpointHealth() {}

  public EndpointHealth(String endpointId) {
    this.endpointId = endpointId;
    this.state = State.CLOSED;
  }

  public Gate gate(OffsetDateTime now, Settings settings) {
    switch (state) {
      case CLOSED:
        return new Call();
      case OPEN:
        OffsetDateTime probeAt = openedAt.plus(settings.coolDown());
        return now.isBefore(probeAt) ? new Wait(Duration.between(now, probeAt)) : new Probe();
      default:
        OffsetDateTime stale =
            probeStartedAt == null ? now : probeStartedAt.plus(settings.probeTimeout());
        return now.isBefore(stale) ? new Wait(Duration.between(now, stale)) : new Probe();
    }
  }

  public void probing(OffsetDateTime now) {
    state = State.HALF_OPEN;
    probeStartedAt = now;
  }

  /**
   * Closed with no failure since the last success: a success changes nothing here but the figures,
   * so it need not lock the row (see the delivery package's SuccessTally).
   */
  public boolean isQuiet() {
    return state == State.CLOSED && consecutiveFailures == 0;
  }

  public Change record(boolean success, long latencyMs, OffsetDateTime now, Settings settings) {
    if (windowStart == null || !now.isBefore(windowStart.plus(settings.window()))) {
      windowStart = now;
      windowSuccesses = 0;
      windowFailures = 0;
    }
    avgLatencyMs =
        windowSuccesses + windowFailures == 0 && avgLatencyMs == 0
            ? latencyMs
            : (1 - LATENCY_WEIGHT) * avgLatencyMs + LATENCY_WEIGHT * latencyMs;
    if (success) {
      windowSuccesses++;
      lastSuccessAt = now;
      consecutiveFailures = 0;
      failingSince = null;
      probeStartedAt = null;
      if (state != State.CLOSED) {
        state = State.CLOSED;
        return Change.CLOSED;
      }
      return Change.NONE;
    }
    windowFailures++;
    lastFailureAt = now;
    consecutiveFailures++;
    if (failingSince == null) {
      failingSince = now;
    }
    if (!now.isBefore(failingSince.plus(settings.giveUpAfter()))) {
      return Change.GIVE_UP;
    }
    if (state == State.HALF_OPEN
        || (state == State.CLOSED && consecutiveFailures >= settings.failureThreshold())) {
      boolean wasClosed = state == State.CLOSED;
      state = State.OPEN;
      openedAt = now;
      probeStartedAt = null;
      if (wasClosed) {
        timesOpened++;
      }
      return Change.OPENED;
    }
    return Change.NONE;
  }

  public String getEndpointId() {
    return endpointId;
  }

  public State getState() {
    return state;
  }

  public int getConsecutiveFailures() {
    return consecutiveFailures;
  }

  public OffsetDateTime getFailingSince() {
    return failingSince;
  }

  public OffsetDateTime getLastSuccessAt() {
    return lastSuccessAt;
  }

  public OffsetDateTime getLastFailureAt() {
    return lastFailureAt;
  }

  public OffsetDateTime getOpenedAt() {
    return openedAt;
  }

  public int getTimesOpened() {
    return timesOpened;
  }

  public int getWindowSuccesses() {
    return windowSuccesses;
  }

  public int getWindowFailures() {
    return windowFailures;
  }

  public double getAvgLatencyMs() {
    return avgLatencyMs;
  }
}

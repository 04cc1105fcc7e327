package io.hookline.delivery.entity;

import io.hookline.platform.Ids;
import io.hookline.platform.StoredText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A recovery of an endpoint's dead and failing deliveries created in [since, until), Svix's {@code
 * endpoint.recover} background task (V25). It goes through the deliveries in id order, a batch per
 * transaction; each batch moves {@link #getAfterId() the cursor} in the transaction that re-queues
 * it, so a recovery cut short (a node stopping) goes on where it stopped, neither losing nor
 * repeating a delivery. {@link #getNextRunAt()} is when its next batch may run: now after a batch,
 * later while the endpoint is busy or after a failed batch (backing off). After {@link
 * #ROW_BY_ROW_AFTER} failed batches in a row it goes on row by row for a batch's worth of rows, so
 * that a single delivery that cannot be re-queued is found and skipped rather than failing the
 * whole task; {@link #FAILURE_LIMIT} failures in a row end it.
 */
@Entity
@Table(name = "recovery_task")
public class RecoveryTask {
  /** The prefix of a task's id, as Svix's background tasks have it. */
  public static final String ID_PREFIX = "qtask";

  /** Failed batches in a row after which the task goes row by row. */
  public static final int ROW_BY_ROW_AFTER = 3;

  /** Failures in a row after which the task gives up. */
  public static final int FAILURE_LIMIT = 10;

  /** The longest a task waits after a failure before its next try. */
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  public enum Status {
    RUNNING,
    FINISHED,
    /** Given up: the endpoint was disabled or deleted, or batches failed too often in a row. */
    FAILED
  }

  @Id private String id;

  @Column(name = "app_id", nullable = false)
  private String appId;

  @Column(name = "endpoint_id", nullable = false)
  private String endpointId;

  @Column(nullable = false)
  private OffsetDateTime since;

  @Column(nullable = false)
  private OffsetDateTime until;

  /** The last delivery id handled; the next batch starts after it ("" before the first). */
  @Column(name = "after_id", nullable = false)
  private String afterId;

  /** How many deliveries were re-queued. */
  @Column(nullable = false)
  private int recovered;

  /** How many deliveries were passed over because re-queueing each failed on its own. */
  @Column(nullable = false)
  private int skipped;

  /** Batches in a row that failed; a batch that commits sets it back to 0. */
  @Column(nullable = false)
  private int failures;

  /** Rows still to be re-queued one a transaction, after failed batches; 0 for batches. */
  @Column(name = "row_by_row", nullable = false)
  private int rowByRow;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  /** Why it failed, when it did. */
  private String reason;

  /** The idempotency key of the request that made it (hashed with its caller), or null. */
  @Column(name = "request_key")
  private String requestKey;

  /** When its next batch may run. */
  @Column(name = "next_run_at", nullable = false)
  private OffsetDateTime nextRunAt;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected RecoveryTask() {}

  public RecoveryTask(
      String appId,
      String endpointId,
      OffsetDateTime since,
      OffsetDateTime until,
      String requestKey,
      OffsetDateTime at) {
    this.id = Ids.newId(ID_PREFIX);
    this.appId = appId;
    this.endpointId = endpointId;
    this.since = since;
    this.until = until;
    this.afterId = "";
    this.status = Status.RUNNING;
    this.requestKey = requestKey;
    this.nextRunAt = at;
    this.createdAt = at;
    this.updatedAt = at;
  }

  /** How many deliveries the next batch takes: {@code batchSize}, or 1 while going row by row. */
  public int nextBatchSize(int batchSize) {
    return rowByRow > 0 ? 1 : batchSize;
  }

  /**
   * A batch re-queued {@code count} deliveries, the last of them {@code lastId}; one shorter than
   * {@code limit} was the last batch. The next may run at once.
   */
  public void batchDone(int count, String lastId, int limit, OffsetDateTime at) {
    recovered += count;
    if (count > 0) {
      afterId = lastId;
    }
    failures = 0;
    rowByRow = Math.max(0, rowByRow - count);
    if (count < limit) {
      status = Status.FINISHED;
    }
    updatedAt = at;
    nextRunAt = at;
  }

  /** Its next batch waits until {@code at} (the endpoint has many deliveries due). */
  public void waitUntil(OffsetDateTime at) {
    nextRunAt = at;
  }

  /**
   * A batch failed (its transaction rolled back, nothing of it was done). The next try waits {@link
   * #backoff}; after {@link #ROW_BY_ROW_AFTER} in a row the next {@code batchSize} rows go one a
   * transaction; after {@link #FAILURE_LIMIT} in a row the task gives up.
   *
   * @param retryBase the wait after a first failure; it doubles with each one after
   */
  public void batchFailed(String why, int batchSize, Duration retryBase, OffsetDateTime at) {
    failures++;
    updatedAt = at;
    if (failures >= FAILURE_LIMIT) {
      stop("a batch failed " + failures + " times in a row; the last: " + why, at);
      return;
    }
    if (failures >= ROW_BY_ROW_AFTER && rowByRow == 0) {
      rowByRow = batchSize;
    }
    nextRunAt = at.plus(backoff(failures, retryBase));
  }

  /**
   * Going row by row, the delivery after the cursor could not be re-queued on its own while the one
   * after it, {@code nextId}, could: the first is passed over, the second counted, and the cursor
   * is past both.
   */
  public void skipped(String nextId, OffsetDateTime at) {
    skipped++;
    recovered++;
    afterId = nextId;
    failures = 0;
    rowByRow = Math.max(0, rowByRow - 2);
    updatedAt = at;
    nextRunAt = at;
  }

  /** The wait after the {@code failures}-th failure in a row: base, doubling, at most 5 minutes. */
  static Duration backoff(int failures, Duration base) {
    Duration wait = base;
    for (int i = 1; i < failures && wait.compareTo(MAX_BACKOFF) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  /** Ends the task unfinished: what it re-queued so far stays re-queued. */
  public void stop(String why, OffsetDateTime at) {
    status = Status.FAILED;
    reason = StoredText.fit(why, 1024);
    updatedAt = at;
  }

  public boolean isRunning() {
    return status == Status.RUNNING;
  }

  public String getId() {
    return id;
  }

  public String getAppId() {
    return appId;
  }

  public String getEndpointId() {
    return endpointId;
  }

  public OffsetDateTime getSince() {
    return since;
  }

  public OffsetDateTime getUntil() {
    return until;
  }

  public String getAfterId() {
    return afterId;
  }

  public int getRecovered() {
    return recovered;
  }

  public int getSkipped() {
    return skipped;
  }

  public boolean isRowByRow() {
    return rowByRow > 0;
  }

  public String getRequestKey() {
    return requestKey;
  }

  public OffsetDateTime getNextRunAt() {
    return nextRunAt;
  }

  public int getFailures() {
    return failures;
  }

  public Status getStatus() {
    return status;
  }

  public String getReason() {
    return reason;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public OffsetDateTime getUpdatedAt() {
    return updatedAt;
  }
}

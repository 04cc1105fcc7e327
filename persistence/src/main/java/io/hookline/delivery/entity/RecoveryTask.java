package io.hookline.delivery.entity;

import io.hookline.platform.Ids;
import io.hookline.platform.StoredText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A recovery of an endpoint's dead and failing deliveries created in [since, until), Svix's {@code
 * endpoint.recover} background task (V25). It goes through the deliveries in id order, a batch per
 * transaction; each batch moves {@link #getAfterId() the cursor} in the transaction that re-queues
 * it, so a recovery cut short (a node stopping) goes on where it stopped, neither losing nor
 * repeating a delivery.
 */
@Entity
@Table(name = "recovery_task")
public class RecoveryTask {
  /** The prefix of a task's id, as Svix's background tasks have it. */
  public static final String ID_PREFIX = "qtask";

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

  /** Batches in a row that failed; a batch that commits sets it back to 0. */
  @Column(nullable = false)
  private int failures;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  /** Why it failed, when it did. */
  private String reason;

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
      OffsetDateTime at) {
    this.id = Ids.newId(ID_PREFIX);
    this.appId = appId;
    this.endpointId = endpointId;
    this.since = since;
    this.until = until;
    this.afterId = "";
    this.status = Status.RUNNING;
    this.createdAt = at;
    this.updatedAt = at;
  }

  /**
   * A batch re-queued {@code count} deliveries, the last of them {@code lastId}; one shorter than
   * {@code limit} was the last batch.
   */
  public void batchDone(int count, String lastId, int limit, OffsetDateTime at) {
    recovered += count;
    if (count > 0) {
      afterId = lastId;
    }
    failures = 0;
    if (count < limit) {
      status = Status.FINISHED;
    }
    updatedAt = at;
  }

  /**
   * A batch failed (its transaction rolled back, nothing of it was done); after {@code limit} in a
   * row the task gives up.
   */
  public void batchFailed(String why, int limit, OffsetDateTime at) {
    failures++;
    updatedAt = at;
    if (failures >= limit) {
      stop("a batch failed " + failures + " times in a row; the last: " + why, at);
    }
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

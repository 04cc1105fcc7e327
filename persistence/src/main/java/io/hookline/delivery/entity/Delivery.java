package io.hookline.delivery.entity;

import io.hookline.platform.Ids;
import io.hookline.platform.StoredText;
import io.hookline.platform.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "delivery")
@NamedQuery(
    name = Delivery.BY_MESSAGE_AND_ENDPOINT,
    query =
        "select d from Delivery d where d.messageId = :messageId and d.endpointId = :endpointId")
public class Delivery {
  public static final String BY_MESSAGE_AND_ENDPOINT = "Delivery.byMessageAndEndpoint";
  @Id private String id;

  @Column(name = "message_id", nullable = false)
  private String messageId;

  @Column(name = "endpoint_id", nullable = false)
  private String endpointId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private DeliveryStatus status;

  @Column(name = "attempt_count", nullable = false)
  private int attemptCount;

  @Column(name = "last_attempt_at")
  private OffsetDateTime lastAttemptAt;

  @Column(name = "next_attempt_at")
  private OffsetDateTime nextAttemptAt;

  @Column(name = "delivered_at")
  private OffsetDateTime deliveredAt;

  /** Position among the deliveries to an ordered endpoint; null for other endpoints. */
  private Long seq;

  @Column(name = "dead_reason")
  private String deadReason;

  /**
   * Transactions in a row that made a try at this delivery and then failed to record its outcome
   * (V16); a recorded outcome sets it back to 0.
   */
  @Column(name = "unrecorded_tries", nullable = false)
  private int unrecordedTries;

  /** Tries made before the current round; the retry schedule counts from here. */
  @Column(name = "round_start", nullable = false)
  private int roundStart;

  /**
   * Whether the next try was asked for by hand (a resend, a recovery, a dead letter sent back from
   * the broker console) rather than by the schedule (V25). The try records it on its attempt and
   * clears it.
   */
  @Column(name = "next_try_manual", nullable = false)
  private boolean nextTryManual;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected Delivery() {}

  public Delivery(String messageId, String endpointId) {
    this.id = Ids.newId("dlv");
    this.messageId = messageId;
    this.endpointId = endpointId;
    this.status = DeliveryStatus.PENDING;
    this.createdAt = Timestamps.now();
    this.nextAttemptAt = createdAt;
  }

  /** A try that reached the subscriber with a 2xx. */
  public void delivered(OffsetDateTime at) {
    attemptCount++;
    lastAttemptAt = at;
    status = DeliveryStatus.DELIVERED;
    deliveredAt = at;
    nextAttemptAt = null;
    unrecordedTries = 0;
  }

  /** A failed try after which another is due at {@code next}. */
  public void failed(OffsetDateTime at, OffsetDateTime next) {
    attemptCount++;
    lastAttemptAt = at;
    nextAttemptAt = next;
    unrecordedTries = 0;
  }

  /**
   * A failed try after which no other is made. A manual mark goes with it: there is no next try to
   * carry it (a dead delivery sent back later is marked again). The caller that records the try
   * takes the mark first ({@link #takeManualTry()}).
   */
  public void died(OffsetDateTime at, String reason) {
    attemptCount++;
    lastAttemptAt = at;
    status = DeliveryStatus.DEAD;
    nextAttemptAt = null;
    deadReason = StoredText.fit(reason, 1024);
    nextTryManual = false;
  }

  /**
   * A transaction that tried this delivery failed before it could record the outcome.
   *
   * @return how many did so in a row
   */
  public int unrecordedTry() {
    return ++unrecordedTries;
  }

  public int getUnrecordedTries() {
    return unrecordedTries;
  }

  /** Starts a new round of tries, due at once: a resend of a dead or delivered delivery. */
  public void newRound(OffsetDateTime at) {
    status = DeliveryStatus.PENDING;
    roundStart = attemptCount;
    nextAttemptAt = at;
    deadReason = null;
    unrecordedTries = 0;
  }

  /** The next try is one asked for by hand: Svix's manual trigger. */
  public void manualTryRequested() {
    nextTryManual = true;
  }

  /**
   * Whether the try being recorded was asked for by hand; the tries after it are the schedule's.
   */
  public boolean takeManualTry() {
    boolean manual = nextTryManual;
    nextTryManual = false;
    return manual;
  }

  public boolean isNextTryManual() {
    return nextTryManual;
  }

  /** Whether a try of the current round has been made (and failed, as it is not settled). */
  public boolean triedInRound() {
    return attemptCount > roundStart;
  }

  /** The number of the next try within the current round, from 1. */
  public int nextTryInRound() {
    return attemptCount - roundStart + 1;
  }

  public void setSeq(Long seq) {
    this.seq = seq;
  }

  public Long getSeq() {
    return seq;
  }

  public String getDeadReason() {
    return deadReason;
  }

  /** Its next try was (re)queued to run at {@code at}; no try is spent. */
  public void dueAt(OffsetDateTime at) {
    nextAttemptAt = at;
  }

  public OffsetDateTime getNextAttemptAt() {
    return nextAttemptAt;
  }

  public String getId() {
    return id;
  }

  public String getMessageId() {
    return messageId;
  }

  public String getEndpointId() {
    return endpointId;
  }

  public DeliveryStatus getStatus() {
    return status;
  }

  public int getAttemptCount() {
    return attemptCount;
  }

  public OffsetDateTime getLastAttemptAt() {
    return lastAttemptAt;
  }

  public OffsetDateTime getDeliveredAt() {
    return deliveredAt;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }
}

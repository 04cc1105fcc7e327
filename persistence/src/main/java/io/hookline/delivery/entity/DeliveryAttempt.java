package io.hookline.delivery.entity;

import io.hookline.platform.StoredText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt {
  /** The sizes of the text columns (V1): what is stored is fitted to them (StoredText). */
  public static final int RESPONSE_BODY_COLUMN = 4096;

  public static final int ERROR_COLUMN = 1024;

  public enum Outcome {
    SUCCEEDED,
    FAILED
  }

  /** In blocks of 50 a node (V14): no round trip per insert, and inserts batch. */
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "attempt_ids")
  @SequenceGenerator(
      name = "attempt_ids",
      sequenceName = "delivery_attempt_id_seq",
      allocationSize = 50)
  private Long id;

  @Column(name = "delivery_id", nullable = false)
  private String deliveryId;

  @Column(name = "message_id", nullable = false)
  private String messageId;

  @Column(name = "endpoint_id", nullable = false)
  private String endpointId;

  @Column(nullable = false)
  private int attempt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Outcome status;

  @Column(name = "response_status")
  private Integer responseStatus;

  @Column(name = "response_body")
  private String responseBody;

  private String error;

  @Column(name = "duration_ms", nullable = false)
  private long durationMs;

  /** Whether the try was asked for by hand, not made by the schedule (V25): Svix's triggerType. */
  @Column(nullable = false)
  private boolean manual;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected DeliveryAttempt() {}

  /**
   * @param manual the try was asked for by hand (a resend, a recovery), not made by the schedule
   */
  public DeliveryAttempt(
      Delivery delivery,
      boolean manual,
      Outcome status,
      Integer responseStatus,
      String responseBody,
      String error,
      long durationMs,
      OffsetDateTime createdAt) {
    this.deliveryId = delivery.getId();
    this.messageId = delivery.getMessageId();
    this.endpointId = delivery.getEndpointId();
    this.attempt = delivery.getAttemptCount();
    this.manual = manual;
    this.status = status;
    this.responseStatus = responseStatus;
    this.responseBody = StoredText.fit(responseBody, RESPONSE_BODY_COLUMN);
    this.error = StoredText.fit(error, ERROR_COLUMN);
    this.durationMs = durationMs;
    this.createdAt = createdAt;
  }

  public Long getId() {
    return id;
  }

  public String getDeliveryId() {
    return deliveryId;
  }

  public String getMessageId() {
    return messageId;
  }

  public String getEndpointId() {
    return endpointId;
  }

  public int getAttempt() {
    return attempt;
  }

  public Outcome getStatus() {
    return status;
  }

  public Integer getResponseStatus() {
    return responseStatus;
  }

  /**
   * The start of the subscriber's answer as stored: text, or {@link StoredText#BASE64} and the
   * base64 of a binary body, ending with {@link StoredText#CUT} when cut.
   */
  public String getResponseBody() {
    return responseBody;
  }

  public String getError() {
    return error;
  }

  public long getDurationMs() {
    return durationMs;
  }

  public boolean isManual() {
    return manual;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }
}

package io.hookline.inbound.verify;

/**
 * An authentic request: the provider's own id for this delivery (what repeats are recognised by)
 * and the event type Hookline gives it.
 *
 * @param challenge for Slack's url_verification: the value to answer with; such a request is not an
 *     event
 */
public record Verified(String providerId, String eventType, String challenge) {
  public Verified(String providerId, String eventType) {
    this(providerId, eventType, null);
  }
}

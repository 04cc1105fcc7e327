package io.hookline.it.fault;

import io.hookline.message.control.MessageAccepted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Test-only, added to the WAR the tests deploy: fails the accepting transaction after the message
 * row is written and its JMS messages are sent, for one event type.
 */
@ApplicationScoped
public class FailAfterSend {
  public static final String EVENT_TYPE = "test.fail-after-send";

  void onAccepted(@Observes MessageAccepted accepted) {
    if (EVENT_TYPE.equals(accepted.eventType())) {
      throw new IllegalStateException(
          "injected failure after the JMS send of " + accepted.messageId());
    }
  }
}

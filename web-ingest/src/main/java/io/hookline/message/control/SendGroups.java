package io.hookline.message.control;

import io.hookline.runtime.Tracing;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Single sends share transactions: the sends that arrive while one group commits are accepted
 * together in the next ({@link GroupCommit}). Each request is still answered only after its own
 * message is committed, so a 202 means what it always did; what is paid once per group is the
 * transaction, its two-phase commit with the broker, and the flush.
 */
@ApplicationScoped
public class SendGroups {
  @Inject MessageIntake intake;
  @Inject Tracing tracing;

  /** 1 turns grouping off: every send its own transaction. */
  @Inject
  @ConfigProperty(name = "hookline.ingest.max-group", defaultValue = "100")
  int maxGroup;

  /**
   * How long a group's commit may run before the next group commits beside it: a commit stuck in
   * its second phase (the broker gone between prepare and commit) would otherwise hold every send
   * of the node for as long as the transaction service retries, a minute on Payara.
   */
  @Inject
  @ConfigProperty(name = "hookline.ingest.stall-after", defaultValue = "PT2S")
  Duration stallAfter;

  private GroupCommit<MessageIntake.Send, MessageIntake.Accepted> groups;

  @PostConstruct
  void init() {
    groups = new GroupCommit<>(sends -> intake.acceptGroup(sends), maxGroup, stallAfter);
  }

  /** As {@link MessageIntake#accept(MessageIntake.Send)}; the trace is the current one. */
  public MessageIntake.Accepted accept(
      String appRef,
      String eventType,
      String eventId,
      String payload,
      java.util.List<String> channels,
      java.util.List<String> tags,
      Integer payloadDays,
      String idempotencyKey) {
    return groups.submit(
        new MessageIntake.Send(
            appRef,
            eventType,
            eventId,
            payload,
            channels,
            tags,
            payloadDays,
            idempotencyKey,
            tracing.current()));
  }
}

package io.hookline.delivery.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * This node's {@link SuccessTally}. A success is counted once its delivery's transaction commits,
 * so a try that rolls back (and will be made again) is not counted twice.
 */
@ApplicationScoped
public class QuietSuccesses {
  private final SuccessTally tally = new SuccessTally();

  @Resource TransactionSynchronizationRegistry transactions;

  public void record(String endpointId, long latencyMs, OffsetDateTime at) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              tally.add(endpointId, latencyMs, at);
            }
          }
        });
  }

  Map<String, SuccessTally.Successes> drain() {
    return tally.drain();
  }

  void putBack(String endpointId, SuccessTally.Successes unwritten) {
    tally.putBack(endpointId, unwritten);
  }
}

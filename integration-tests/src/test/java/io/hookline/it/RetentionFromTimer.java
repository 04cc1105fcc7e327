package io.hookline.it;

import io.hookline.retention.control.RetentionBatch;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Calls a retention batch as the retention timer does: from an EJB method that runs outside any
 * transaction. Deployed only with {@link RetentionArquillianIT}.
 */
@Stateless
public class RetentionFromTimer {
  @Inject RetentionBatch batches;

  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public RetentionBatch.Removed run(int days, int batch) {
    return batches.run(days, batch);
  }

  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public int runPortalTokens(int batch) {
    return batches.runPortalTokens(batch);
  }
}

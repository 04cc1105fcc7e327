package io.hookline.api;

import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A transaction that failed in a {@code @Transactional} resource's interceptor, at commit for
 * instance. Without a mapper for exactly this type Jersey's own takes it, finds itself again and
 * answers a bare 500; this one gives it to {@link ProblemMapper} like every other failure.
 */
@Provider
public class TransactionFailureMapper implements ExceptionMapper<TransactionalException> {
  private final ProblemMapper problems = new ProblemMapper();

  @Override
  public Response toResponse(TransactionalException thrown) {
    return problems.toResponse(thrown);
  }
}

package io.hookline.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Telling a unique index's refusal (PostgreSQL's SQLState 23505 naming that index) from every other
 * database failure, so a lost race for a uid is a 409 and anything else stays an error.
 */
public final class UniqueKeys {
  /** PostgreSQL's (and the SQL standard's) unique_violation. */
  static final String UNIQUE_VIOLATION = "23505";

  private UniqueKeys() {}

  /**
   * Whether {@code failure}, or a cause of it, is a unique violation of the index or constraint
   * named {@code index}.
   */
  public static boolean violates(Throwable failure, String index) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          if (UNIQUE_VIOLATION.equals(next.getSQLState())
              && String.valueOf(next.getMessage())
                  .toLowerCase(Locale.ROOT)
                  .contains(index.toLowerCase(Locale.ROOT))) {
            return true;
          }
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /**
   * Flushes; a unique violation of {@code index} becomes {@code taken}'s refusal, any other failure
   * is rethrown as it is.
   */
  public static void flush(EntityManager em, String index, Supplier<Refusal> taken) {
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (violates(e, index)) {
        throw taken.get();
      }
      throw e;
    }
  }
}

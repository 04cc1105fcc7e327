package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class UniqueKeysTest {
  static final String DUPLICATE =
      "ERROR: duplicate key value violates unique constraint \"endpoint_app_uid_idx\"";

  @Test
  void aUniqueViolationOfTheIndexDeepInTheCauseChainIsFound() {
    Throwable failure =
        new PersistenceException(
            "flush failed",
            new RuntimeException("eclipselink", new SQLException(DUPLICATE, "23505")));
    assertTrue(UniqueKeys.violates(failure, "endpoint_app_uid_idx"));
  }

  @Test
  void aChainedNextExceptionCounts() {
    SQLException batch = new SQLException("batch entry 0 failed", "22000");
    batch.setNextException(new SQLException(DUPLICATE, "23505"));
    assertTrue(UniqueKeys.violates(new PersistenceException(batch), "endpoint_app_uid_idx"));
  }

  @Test
  void anotherIndexOrAnotherFailureIsNotATakenUid() {
    assertFalse(
        UniqueKeys.violates(
            new PersistenceException(new SQLException(DUPLICATE, "23505")), "app_uid_key"));
    assertFalse(
        UniqueKeys.violates(
            new PersistenceException(
                new SQLException("value too long for type character varying(256)", "22001")),
            "endpoint_app_uid_idx"));
    assertFalse(
        UniqueKeys.violates(
            new PersistenceException(
                new SQLException(
                    "insert or update on table \"endpoint\" violates foreign key constraint",
                    "23503")),
            "endpoint_app_uid_idx"));
    assertFalse(UniqueKeys.violates(new PersistenceException("no cause"), "endpoint_app_uid_idx"));
  }
}

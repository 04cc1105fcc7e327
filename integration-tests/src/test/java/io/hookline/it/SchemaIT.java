package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.devstack.Database;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The migrations on a database of their own, as a new installation gets them. */
class SchemaIT {

  @Test
  void theFirstBlockOfAttemptIdsIsOneEclipseLinkAccepts() {
    Database db = TestStack.database("hookline_schema_it");
    try {
      Flyway.configure(SchemaIT.class.getClassLoader())
          .dataSource(db.jdbcUrl(), db.user(), db.password())
          .locations("classpath:db/migration")
          .load()
          .migrate();
      // EclipseLink's block of 50 is the 50 ids up to what nextval returns, and it refuses one
      // that would start below zero: the first delivery of a new installation failed on it.
      long first = Sql.count(db, "select nextval('delivery_attempt_id_seq')");
      assertTrue(first - 49 >= 1, "the first block would start at " + (first - 49));
      assertEquals(first + 50, Sql.count(db, "select nextval('delivery_attempt_id_seq')"));
    } finally {
      db.drop();
    }
  }
}

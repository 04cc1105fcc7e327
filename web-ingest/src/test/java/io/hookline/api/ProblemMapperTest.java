package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.hookline.platform.Refusal;
import jakarta.jms.JMSRuntimeException;
import jakarta.json.JsonObject;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

  @Test
  void eachRefusalIsTheProblemItAlwaysWas() {
    assertProblem(Refusal.malformed("bad"), 400, "malformed-request", "Malformed request", null);
    assertProblem(
        Refusal.invalidField("url", "must be https"), 422, "invalid-field", "Invalid field", "url");
    assertProblem(Refusal.notFound("app", "acme"), 404, "not-found", "Not found", null);
    assertProblem(Refusal.conflict("uid", "taken"), 409, "conflict", "Conflict", "uid");
    JsonObject notFound = ProblemMapper.body(Refusal.notFound("app", "acme"));
    assertEquals("app 'acme' does not exist", notFound.getString("detail"));
  }

  private static void assertProblem(
      Refusal refusal, int status, String type, String title, String field) {
    JsonObject body = ProblemMapper.body(refusal);
    assertEquals(status, body.getInt("status"));
    assertEquals(ProblemMapper.TYPE_PREFIX + type, body.getString("type"));
    assertEquals(title, body.getString("title"));
    if (field == null) {
      assertFalse(body.containsKey("field"));
    } else {
      assertEquals(field, body.getString("field"));
    }
  }

  @Test
  void aCommitTheBrokerCutOffIsAnOutage() {
    SystemException commit = new SystemException("JTS5031 completed: Maybe");
    assertSame(commit, ProblemMapper.outage(new TransactionalException("commit failed", commit)));
  }

  @Test
  void aSendOrAConnectionThatFailedIsAnOutage() {
    JMSRuntimeException send = new JMSRuntimeException("AMQ219016 connection failure");
    assertSame(send, ProblemMapper.outage(new IllegalStateException("wrapped", send)));
    SQLTransientConnectionException pool = new SQLTransientConnectionException("no connection");
    assertSame(pool, ProblemMapper.outage(new RuntimeException(pool)));
  }

  @Test
  void aDatabaseRestartedUnderTheRequestIsAnOutageAndAConstraintIsNot() {
    java.sql.SQLException shutDown =
        new java.sql.SQLException("terminating connection due to administrator command", "57P01");
    assertSame(
        shutDown,
        ProblemMapper.outage(
            new jakarta.persistence.PersistenceException("query failed", shutDown)));
    java.sql.SQLException refused = new java.sql.SQLException("connection refused", "08001");
    assertSame(refused, ProblemMapper.outage(new RuntimeException(refused)));
    assertNull(
        ProblemMapper.outage(
            new jakarta.persistence.PersistenceException(
                new java.sql.SQLException("duplicate key", "23505"))));
  }

  @Test
  void aBugIsNot() {
    assertNull(ProblemMapper.outage(new NullPointerException("bug")));
    assertNull(
        ProblemMapper.outage(new TransactionalException("rolled back", new ArithmeticException())));
  }
}

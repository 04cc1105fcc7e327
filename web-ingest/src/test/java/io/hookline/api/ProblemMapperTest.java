package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.jms.JMSRuntimeException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

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

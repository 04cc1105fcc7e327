package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.platform.Refusal;
import jakarta.jms.JMSRuntimeException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
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

  @Test
  void everyProblemCarriesSvixsCodeAsAShortString() {
    assertEquals(
        "validation", ProblemMapper.body(Refusal.invalidField("url", "bad")).getString("code"));
    assertEquals("not_found", ProblemMapper.body(Refusal.notFound("app", "x")).getString("code"));
    assertEquals(
        "conflict", ProblemMapper.body(Refusal.conflict("uid", "taken")).getString("code"));
    assertEquals(
        "malformed_request", ProblemMapper.body(Refusal.malformed("bad")).getString("code"));
    assertEquals("authentication_failed", ProblemMapper.svixCode("unauthorized"));
    assertEquals("server_error", ProblemMapper.svixCode("internal"));
  }

  @Test
  void theOlderResourcesKeepTheirStringDetailAndField() {
    JsonObject body = ProblemMapper.body(Refusal.invalidField("url", "must be https"));
    assertEquals("url must be https", body.getString("detail"));
    assertEquals("url", body.getString("field"));
  }

  @Test
  void svixResourcesAnswerAnInvalidFieldAsSvixsValidationError() {
    JsonObject body =
        ProblemMapper.svixBody(Refusal.invalidField("schemas.1.required[0]", "must be a string"));
    assertEquals(422, body.getInt("status"));
    assertEquals("validation", body.getString("code"));
    assertEquals("schemas.1.required[0]", body.getString("field"));
    JsonObject item = body.getJsonArray("detail").getJsonObject(0);
    assertEquals(
        Json.createArrayBuilder()
            .add("body")
            .add("schemas")
            .add("1")
            .add("required")
            .add(0)
            .build(),
        item.getJsonArray("loc"));
    assertEquals("schemas.1.required[0] must be a string", item.getString("msg"));
    assertEquals("value_error", item.getString("type"));
    JsonObject query = ProblemMapper.svixBody(Refusal.invalidQuery("limit", "too big"));
    assertEquals(
        Json.createArrayBuilder().add("query").add("limit").build(),
        query.getJsonArray("detail").getJsonObject(0).getJsonArray("loc"));
    // Other refusals keep a string detail there too, as Svix's HttpErrorOut has.
    assertEquals(
        "app 'x' does not exist",
        ProblemMapper.svixBody(Refusal.notFound("app", "x")).getString("detail"));
  }

  @Test
  void theApiAnswersInSvixShapeAndIngestDoesNot() {
    assertTrue(ProblemMapper.svixShaped(List.of("v1", "event-type", "user.signup")));
    assertTrue(ProblemMapper.svixShaped(List.of("v1", "app", "app_1", "msg")));
    assertTrue(ProblemMapper.svixShaped(List.of("v1", "source")));
    assertFalse(ProblemMapper.svixShaped(List.of("ingest", "src_1")));
    assertFalse(ProblemMapper.svixShaped(List.of()));
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

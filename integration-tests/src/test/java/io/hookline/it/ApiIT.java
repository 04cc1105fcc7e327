package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API's contract: authentication, resources, and RFC 9457 errors for bad input. */
class ApiIT {
  private static Api api;
  private static String app;

  @BeforeAll
  static void start() {
    api = TestStack.microApi();
    app =
        api.create("/api/v1/app", Json.createObjectBuilder().add("name", "API test").build())
            .getString("id");
  }

  private static JsonObject problem(Api.Response response, int status) {
    assertEquals(status, response.status(), response.body());
    assertTrue(
        response.contentType().startsWith("application/problem+json"),
        response.contentType() + ": " + response.body());
    JsonObject problem = response.json();
    assertEquals(status, problem.getInt("status"));
    assertTrue(problem.getString("type").startsWith("urn:hookline:problem:"), problem.toString());
    assertFalse(problem.getString("title").isBlank());
    return problem;
  }

  @Test
  void withoutATokenEveryCallIs401() {
    Api.Response response = api.send("GET", "/api/v1/app", null, null, null);
    problem(response, 401);
    assertEquals("Bearer", response.headers().firstValue("www-authenticate").orElse(null));
    problem(api.send("POST", "/api/v1/app/" + app + "/msg", "{}", "application/json", null), 401);
  }

  @Test
  void aWrongTokenIs401() {
    JsonObject problem =
        problem(api.send("GET", "/api/v1/app", null, null, TestStack.ADMIN_TOKEN + "x"), 401);
    assertFalse(problem.toString().contains(TestStack.ADMIN_TOKEN), "the token is not echoed");
  }

  @Test
  void appsAreFoundByIdAndByUidAndListed() {
    String uid = "acme-" + System.nanoTime();
    Api.Response created =
        api.post(
            "/api/v1/app", Json.createObjectBuilder().add("name", "Acme").add("uid", uid).build());
    assertEquals(201, created.status(), created.body());
    JsonObject acme = created.json();
    assertTrue(acme.getString("id").startsWith("app_"));
    assertEquals(uid, acme.getString("uid"));
    assertFalse(acme.getString("createdAt").isBlank());
    assertTrue(
        created
            .headers()
            .firstValue("location")
            .orElse("")
            .endsWith("/api/v1/app/" + acme.getString("id")));

    assertEquals(acme, api.get("/api/v1/app/" + uid).json());
    assertEquals(acme, api.get("/api/v1/app/" + acme.getString("id")).json());
    assertTrue(api.get("/api/v1/app").json().getJsonArray("data").contains(acme));

    JsonObject conflict =
        problem(
            api.post(
                "/api/v1/app",
                Json.createObjectBuilder().add("name", "again").add("uid", uid).build()),
            409);
    assertEquals("uid", conflict.getString("field"));
  }

  @Test
  void endpointsNeverShowTheirSecretExceptThroughTheSecretResource() {
    String secret =
        "whsec_"
            + java.util.Base64.getEncoder().encodeToString("0123456789abcdef01234567".getBytes());
    JsonObject endpoint =
        api.create(
            "/api/v1/app/" + app + "/endpoint",
            Json.createObjectBuilder()
                .add("url", "https://example.com/hook")
                .add("description", "ours")
                .add("secret", secret)
                .add("eventTypes", Json.createArrayBuilder().add("user.*"))
                .build());
    assertTrue(endpoint.getString("id").startsWith("ep_"));
    assertEquals("https://example.com/hook", endpoint.getString("url"));
    assertEquals("ours", endpoint.getString("description"));
    assertEquals(
        Json.createArrayBuilder().add("user.*").build(), endpoint.getJsonArray("eventTypes"));
    assertFalse(endpoint.toString().contains(secret));

    String path = "/api/v1/app/" + app + "/endpoint/" + endpoint.getString("id");
    assertEquals(endpoint, api.get(path).json());
    assertTrue(
        api.get("/api/v1/app/" + app + "/endpoint").json().getJsonArray("data").contains(endpoint));
    assertEquals(secret, api.get(path + "/secret").json().getString("key"));

    String stored =
        Sql.strings(
                TestStack.microDatabase(),
                "select secret_ciphertext from endpoint where id = ?",
                endpoint.getString("id"))
            .get(0);
    assertNotEquals(secret, stored);
    assertFalse(stored.contains(secret.substring(6)), "the secret is encrypted at rest");
  }

  @Test
  void malformedJsonIs400() {
    JsonObject problem =
        problem(
            api.send(
                "POST",
                "/api/v1/app/" + app + "/msg",
                "{\"eventType\": ",
                "application/json",
                TestStack.ADMIN_TOKEN),
            400);
    assertTrue(problem.getString("detail").contains("JSON"), problem.toString());
    problem(
        api.send("POST", "/api/v1/app", "[1,2]", "application/json", TestStack.ADMIN_TOKEN), 400);
    problem(api.send("POST", "/api/v1/app", "", "application/json", TestStack.ADMIN_TOKEN), 400);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/msg  | {\"payload\":{}}                                   | eventType",
        "/msg  | {\"eventType\":\"a.b\"}                            | payload",
        "/msg  | {\"eventType\":\"a.b\",\"payload\":[1]}            | payload",
        "/msg  | {\"eventType\":7,\"payload\":{}}                   | eventType",
        "/msg  | {\"eventType\":\"has space\",\"payload\":{}}       | eventType",
        "/endpoint | {\"description\":\"x\"}                            | url",
        "/endpoint | {\"url\":\"ftp://example.com/\"}                   | url",
        "/endpoint | {\"url\":\"https://u:p@example.com/\"}             | url",
        "/endpoint | {\"url\":\"https://example.com/\",\"secret\":\"x\"} | secret",
        "/endpoint | {\"url\":\"https://example.com/\",\"eventTypes\":[\"ok\",5]} | eventTypes[1]"
      })
  void aMissingOrInvalidFieldIs422AndNamesTheField(String resource, String body, String field) {
    JsonObject problem =
        problem(
            api.send(
                "POST",
                "/api/v1/app/" + app + resource,
                body,
                "application/json",
                TestStack.ADMIN_TOKEN),
            422);
    assertEquals(field, problem.getString("field"));
    JsonObject item = problem.getJsonArray("detail").getJsonObject(0);
    assertEquals("body", item.getJsonArray("loc").getString(0), problem.toString());
    assertTrue(item.getString("msg").startsWith(field + " "), problem.toString());
  }

  @Test
  void unknownAppsMessagesAndRoutesAre404() {
    JsonObject problem =
        problem(
            api.post(
                "/api/v1/app/nope/msg",
                Json.createObjectBuilder()
                    .add("eventType", "a")
                    .add("payload", Json.createObjectBuilder())
                    .build()),
            404);
    assertTrue(problem.getString("detail").contains("nope"), problem.toString());
    problem(api.get("/api/v1/app/app_00000000000000000000000000"), 404);
    problem(api.get("/api/v1/app/" + app + "/msg/msg_00000000000000000000000000"), 404);
    problem(api.get("/api/v1/app/" + app + "/endpoint/ep_00000000000000000000000000"), 404);
    problem(api.get("/api/v1/no-such-thing"), 404);
  }

  @Test
  void pathsOutsideTheApiAreProblemsTooNotHtml() {
    JsonObject problem = problem(api.get("/nothing/here"), 404);
    assertTrue(problem.getString("detail").contains("/nothing/here"), problem.toString());
    problem(api.send("GET", "/", null, null, null), 404);
  }

  @Test
  void wrongContentTypeAndMethodAreClientErrors() {
    problem(
        api.send(
            "POST",
            "/api/v1/app",
            "name=x",
            "application/x-www-form-urlencoded",
            TestStack.ADMIN_TOKEN),
        415);
    problem(api.send("DELETE", "/api/v1/app", null, null, TestStack.ADMIN_TOKEN), 405);
  }

  @Test
  void anAcceptedMessageIsReadableWithItsPayload() {
    Api.Response accepted =
        api.post(
            "/api/v1/app/" + app + "/msg",
            Json.createObjectBuilder()
                .add("eventType", "user.created")
                .add("eventId", "evt-1")
                .add("payload", Json.createObjectBuilder().add("a", 1))
                .build());
    assertEquals(202, accepted.status(), accepted.body());
    JsonObject message = accepted.json();
    assertTrue(message.getString("id").startsWith("msg_"));
    assertEquals("user.created", message.getString("eventType"));
    assertEquals("evt-1", message.getString("eventId"));
    assertFalse(message.getString("timestamp").isBlank());
    JsonObject read = api.get("/api/v1/app/" + app + "/msg/" + message.getString("id")).json();
    assertEquals(1, read.getJsonObject("payload").getInt("a"));
  }
}

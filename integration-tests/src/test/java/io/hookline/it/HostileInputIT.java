package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A table of hostile requests: each gets a 4xx problem+json, never a 500, and nothing is stored.
 */
class HostileInputIT extends MicroTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** One hostile request: what it sends, and the status it must get. */
  record Case(
      String name, String method, String path, byte[] body, String contentType, int status) {
    static Case json(String name, String method, String path, String body, int status) {
      return new Case(
          name,
          method,
          path,
          body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          "application/json",
          status);
    }
  }

  /**
   * Rows created since {@code since}. Not a count of all rows: the retention job removes the
   * back-dated rows other tests leave, whenever its timer fires, and once did so mid-test.
   */
  private static long storedSince(java.time.OffsetDateTime since) {
    return Sql.count(
        TestStack.microDatabase(),
        "select (select count(*) from app where created_at >= ?)"
            + " + (select count(*) from endpoint where created_at >= ?)"
            + " + (select count(*) from message where created_at >= ?)"
            + " + (select count(*) from source where created_at >= ?)",
        since,
        since,
        since,
        since);
  }

  @Test
  void eachHostileRequestIsA4xxProblemAndStoresNothing() throws Exception {
    String app = createApp("hostile");
    String messages = "/api/v1/app/" + app + "/msg";
    String endpoints = "/api/v1/app/" + app + "/endpoint";
    String nested = "[".repeat(5000) + "]".repeat(5000);
    byte[] invalidUtf8 = {
      '{',
      '"',
      'e',
      'v',
      'e',
      'n',
      't',
      'T',
      'y',
      'p',
      'e',
      '"',
      ':',
      '"',
      'a',
      (byte) 0xC3,
      (byte) 0x28,
      '"',
      ',',
      '"',
      'p',
      'a',
      'y',
      'l',
      'o',
      'a',
      'd',
      '"',
      ':',
      '{',
      '}',
      '}'
    };
    List<Case> cases =
        List.of(
            new Case(
                "a 12 MB body",
                "POST",
                messages,
                ("{\"eventType\":\"a\",\"payload\":{\"x\":\"" + "x".repeat(12 << 20) + "\"}}")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "application/json",
                413),
            Case.json(
                "JSON nested 5000 deep",
                "POST",
                messages,
                "{\"eventType\":\"a\",\"payload\":{\"x\":" + nested + "}}",
                400),
            new Case("invalid UTF-8", "POST", messages, invalidUtf8, "application/json", 400),
            Case.json(
                "a number for a string", "POST", messages, "{\"eventType\":5,\"payload\":{}}", 422),
            Case.json(
                "a string for an object",
                "POST",
                messages,
                "{\"eventType\":\"a\",\"payload\":\"x\"}",
                422),
            Case.json("an array body", "POST", messages, "[1,2]", 400),
            Case.json(
                "SQL in an eventId",
                "POST",
                messages,
                "{\"eventType\":\"a\",\"eventId\":\"x' OR '1'='1\",\"payload\":{}}",
                422),
            Case.json(
                "SQL in a uid",
                "POST",
                "/api/v1/app",
                "{\"name\":\"x\",\"uid\":\"a'; drop table app; --\"}",
                422),
            Case.json(
                "a header value with CRLF",
                "POST",
                endpoints,
                "{\"url\":\"https://example.com/h\",\"headers\":{\"X-A\":\"v\\r\\nX-Injected: 1\"}}",
                422),
            Case.json(
                "a header name with a colon",
                "POST",
                endpoints,
                "{\"url\":\"https://example.com/h\",\"headers\":{\"X-A: b\":\"v\"}}",
                422),
            Case.json(
                "a URL with credentials",
                "POST",
                endpoints,
                "{\"url\":\"https://u:p@example.com/h\"}",
                422),
            Case.json(
                "a javascript: URL", "POST", endpoints, "{\"url\":\"javascript:alert(1)\"}", 422),
            Case.json("a file: URL", "POST", endpoints, "{\"url\":\"file:///etc/passwd\"}", 422),
            Case.json("an ftp: URL", "POST", endpoints, "{\"url\":\"ftp://example.com/\"}", 422),
            Case.json("port 0", "POST", endpoints, "{\"url\":\"https://example.com:0/h\"}", 422),
            Case.json(
                "port 99999", "POST", endpoints, "{\"url\":\"https://example.com:99999/h\"}", 422),
            Case.json(
                "a URL of 10,000 characters",
                "POST",
                endpoints,
                "{\"url\":\"https://example.com/" + "a".repeat(10_000) + "\"}",
                422),
            Case.json("dot segments in an id", "GET", "/api/v1/app/%2e%2e/endpoint", null, 404),
            Case.json(
                "an encoded slash in an id",
                "GET",
                "/api/v1/app/" + app + "%2F..%2F..%2Fsources",
                null,
                404),
            // Grizzly, Payara's HTTP layer, answers this one itself (a bare 400) before any of
            // Hookline runs: no problem+json possible, nothing reached.
            Case.json("a NUL in an id", "GET", "/api/v1/app/" + app + "%00/endpoint", null, 400),
            Case.json("SQL in a path id", "GET", "/api/v1/app/x'%20or%20'1'%3D'1/msg", null, 404),
            Case.json("SQL in a date", "GET", messages + "?before=x'%20or%201%3D1--", null, 422),
            Case.json(
                "SQL in an iterator", "GET", messages + "?iterator=x'%20or%201%3D1--", null, 422));
    java.time.OffsetDateTime start = java.time.OffsetDateTime.now();
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(TestStack.micro().settings().baseUrl() + c.path()))
              .timeout(Duration.ofSeconds(60))
              .header("authorization", "Bearer " + TestStack.ADMIN_TOKEN)
              .method(
                  c.method(),
                  c.body() == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(c.body()));
      if (c.contentType() != null && c.body() != null) {
        request.header("content-type", c.contentType());
      }
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("content-type").orElse("");
      boolean problem =
          c.status() >= 400
              && !c.name().equals("a NUL in an id")
              && !type.startsWith("application/problem+json");
      if (response.statusCode() != c.status() || problem) {
        wrong.add(
            c.name()
                + ": "
                + response.statusCode()
                + " "
                + type
                + " "
                + response.body().substring(0, Math.min(200, response.body().length())));
      }
    }
    assertEquals(List.of(), wrong, "answered otherwise");
    assertEquals(0, storedSince(start), "nothing was stored");
  }
}

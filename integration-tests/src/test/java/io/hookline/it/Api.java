package io.hookline.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small client for Hookline's HTTP API, as a user's code would call it. Every answer of {@code
 * /api/v1} is checked against what {@code /openapi} describes ({@link DescribedAnswers}).
 */
public final class Api {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String base;
  private final String token;

  public Api(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public record Response(int status, HttpHeaders headers, String body) {
    public JsonObject json() {
      return Json.createReader(new StringReader(body)).readObject();
    }

    public JsonArray array() {
      return Json.createReader(new StringReader(body)).readArray();
    }

    public String contentType() {
      return headers.firstValue("content-type").orElse("");
    }
  }

  public Response get(String path) {
    return send("GET", path, null, "application/json", token);
  }

  public Response post(String path, JsonValue body) {
    return send("POST", path, body.toString(), "application/json", token);
  }

  /** The created object's JSON, failing unless the answer is 201. */
  public JsonObject create(String path, JsonValue body) {
    Response response = post(path, body);
    if (response.status() != 201) {
      throw new AssertionError(
          "POST " + path + " answered " + response.status() + ": " + response.body());
    }
    return response.json();
  }

  /** A JSON request with one extra header. */
  public Response sendWithHeader(
      String method, String path, String body, String header, String value) {
    return send(method, path, body, "application/json", token, java.util.Map.of(header, value));
  }

  public Response send(String method, String path, String body, String contentType, String bearer) {
    return send(method, path, body, contentType, bearer, java.util.Map.of());
  }

  /** Any request: the body as given, these headers, and a bearer token only when not null. */
  public Response send(
      String method,
      String path,
      String body,
      String contentType,
      String bearer,
      java.util.Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("content-type", contentType);
    }
    if (bearer != null) {
      request.header("authorization", "Bearer " + bearer);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Response answer = new Response(response.statusCode(), response.headers(), response.body());
      DescribedAnswers.check(base, method, path, answer);
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

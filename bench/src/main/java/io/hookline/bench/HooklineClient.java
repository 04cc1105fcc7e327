package io.hookline.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Hookline's API as the load generator and the set-up use it: keep-alive connections, one per
 * concurrent sender, no automatic retries (a retried request would count twice).
 */
public final class HooklineClient implements AutoCloseable {
  /** The header the crash suite's load balancer names the answering node in. */
  public static final String NODE_HEADER = "X-Hookline-Node";

  private final String base;
  private final String token;
  private final CloseableHttpClient http;

  public HooklineClient(String base, String token, int connections) {
    this.base = base;
    this.token = token;
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(connections)
                    .setMaxConnPerRoute(connections)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(5))
                            .setSocketTimeout(Timeout.ofSeconds(60))
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(60)).build())
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableRedirectHandling()
            // Well inside Payara's keep-alive of 30 s: at 30 s a request could go out on a
            // connection the server was closing, its message committed and its answer lost.
            .evictIdleConnections(Timeout.of(10, TimeUnit.SECONDS))
            .build();
  }

  /**
   * A status and body, and the node that answered when a load balancer names it in {@link
   * #NODE_HEADER} (null otherwise).
   */
  public record Answer(int status, String body, String node) {
    JsonObject json() {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }
  }

  public Answer post(String path, String json) {
    return post(path, json, null);
  }

  /**
   * @param idempotencyKey sent as Idempotency-Key unless null
   */
  public Answer post(String path, String json, String idempotencyKey) {
    HttpPost post = new HttpPost(base + path);
    post.setHeader("Authorization", "Bearer " + token);
    if (idempotencyKey != null) {
      post.setHeader("Idempotency-Key", idempotencyKey);
    }
    post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
    try {
      return http.execute(
          post,
          response ->
              new Answer(
                  response.getCode(),
                  response.getEntity() == null
                      ? ""
                      : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8),
                  response.getFirstHeader(NODE_HEADER) == null
                      ? null
                      : response.getFirstHeader(NODE_HEADER).getValue()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POSTs and returns the created object, or fails with what the API said. */
  public JsonObject create(String path, JsonObject body) {
    Answer answer = post(path, body.toString());
    if (answer.status() / 100 != 2) {
      throw new IllegalStateException(
          "POST " + path + " answered " + answer.status() + ": " + answer.body());
    }
    return answer.json();
  }

  /** Creates an app; its id. */
  public String createApp(String name) {
    return create("/api/v1/app", Json.createObjectBuilder().add("name", name).build())
        .getString("id");
  }

  /** Creates an endpoint of the app signing with {@code secret}; its id. */
  public String createEndpoint(String appId, String url, String secret) {
    return create(
            "/api/v1/app/" + appId + "/endpoint",
            Json.createObjectBuilder().add("url", url).add("secret", secret).build())
        .getString("id");
  }

  /**
   * What one send got back: the message's id when accepted, else why not.
   *
   * @param refusal the status of Hookline's own answer; {@code not-hookline:} and the status for
   *     the container's (a starting node's HTTP port opens before the application is ready); {@code
   *     no-answer:} and the I/O error's type
   * @param node the node that answered, when a load balancer said so
   */
  public record Sent(String id, String refusal, String node) {}

  /** Sends one message under an Idempotency-Key. */
  public Sent sendForId(String appId, String payload, String idempotencyKey) {
    Answer answer;
    try {
      answer =
          post(
              "/api/v1/app/" + appId + "/msg",
              "{\"eventType\":\"chaos.event\",\"payload\":" + payload + "}",
              idempotencyKey);
    } catch (UncheckedIOException noAnswer) {
      return new Sent(null, "no-answer:" + noAnswer.getCause().getClass().getSimpleName(), null);
    }
    if (answer.status() == 202) {
      return new Sent(answer.json().getString("id"), null, answer.node());
    }
    boolean hooklines = answer.body().contains("urn:hookline:problem:");
    return new Sent(
        null,
        (hooklines ? "" : "not-hookline:") + Integer.toString(answer.status()),
        answer.node());
  }

  /** Sends one message; the status only (202 when accepted). */
  public int send(String appId, String payload) {
    return post(
            "/api/v1/app/" + appId + "/msg",
            "{\"eventType\":\"bench.event\",\"payload\":" + payload + "}")
        .status();
  }

  /**
   * Sends a batch; how many of its messages were accepted (0 when the batch itself failed).
   *
   * @param payloads the messages' payloads
   */
  public int sendBatch(String appId, java.util.List<String> payloads) {
    StringBuilder body = new StringBuilder(payloads.size() * (Payloads.SIZE + 50));
    body.append("{\"messages\":[");
    for (int i = 0; i < payloads.size(); i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append("{\"eventType\":\"bench.event\",\"payload\":")
          .append(payloads.get(i))
          .append('}');
    }
    body.append("]}");
    Answer answer = post("/api/v1/app/" + appId + "/msg/batch", body.toString());
    return answer.status() == 200 ? answer.json().getInt("accepted") : 0;
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

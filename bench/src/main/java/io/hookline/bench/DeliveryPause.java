package io.hookline.bench;

import io.hookline.devstack.ArtemisBroker;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Pauses and resumes the delivery queue through the broker's management (Jolokia, behind the
 * Artemis console), as an operator does from the console: messages sent meanwhile wait on the
 * queue, nothing is lost, and the consumers take them again on resume. The benchmark uses it to
 * measure what ingest takes by itself, with no delivery competing for the same cores.
 */
final class DeliveryPause {
  private static final String QUEUE = "hookline.deliveries";

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI jolokia;
  private final String authorization;
  private final String mbean;

  DeliveryPause(ArtemisBroker.Settings broker, String brokerName) {
    this.jolokia = URI.create(broker.consoleUrl() + "/jolokia/");
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (broker.user() + ":" + broker.password()).getBytes(StandardCharsets.UTF_8));
    this.mbean =
        "org.apache.activemq.artemis:broker=\""
            + brokerName
            + "\",component=addresses,address=\""
            + QUEUE
            + "\",subcomponent=queues,routing-type=\"anycast\",queue=\""
            + QUEUE
            + "\"";
  }

  void pause() {
    execute("pause()");
    if (!paused()) {
      throw new IllegalStateException("the broker says " + QUEUE + " is not paused after pause()");
    }
  }

  void resume() {
    execute("resume()");
  }

  boolean paused() {
    JsonObject answer =
        call(
            Json.createObjectBuilder()
                .add("type", "read")
                .add("mbean", mbean)
                .add("attribute", "Paused")
                .build());
    return answer.getBoolean("value");
  }

  private void execute(String operation) {
    call(
        Json.createObjectBuilder()
            .add("type", "exec")
            .add("mbean", mbean)
            .add("operation", operation)
            .build());
  }

  /** Jolokia answers 200 even when the operation failed; its own status says. */
  private JsonObject call(JsonObject request) {
    HttpRequest post =
        HttpRequest.newBuilder(jolokia)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", authorization)
            // The console's jolokia-access.xml checks the origin against the broker's own host.
            .header("Origin", "http://" + jolokia.getHost())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
            .build();
    String body;
    try {
      body = http.send(post, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException("could not reach the broker's management at " + jolokia, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    JsonObject answer;
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      answer = reader.readObject();
    } catch (RuntimeException e) {
      throw new IllegalStateException("the broker's management answered " + body, e);
    }
    if (answer.getInt("status", 0) != 200) {
      throw new IllegalStateException(
          "the broker's management refused " + request + ": " + answer.getString("error", body));
    }
    return answer;
  }
}

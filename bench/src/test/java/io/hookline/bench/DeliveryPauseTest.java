package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.hookline.devstack.ArtemisBroker;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryPauseTest {
  private HttpServer console;
  private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
  private final List<String> origins = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    console.stop(0);
  }

  private DeliveryPause pauseAgainst(Function<JsonObject, String> answer) throws IOException {
    console = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    console.createContext(
        "/console/jolokia/",
        exchange -> {
          JsonObject request =
              Json.createReader(
                      new StringReader(
                          new String(
                              exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
                  .readObject();
          requests.add(request);
          origins.add(exchange.getRequestHeaders().getFirst("Origin"));
          byte[] body = answer.apply(request).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    console.start();
    ArtemisBroker.Settings broker =
        new ArtemisBroker.Settings(
            Path.of("home"),
            Path.of("instance"),
            Path.of("broker.xml"),
            "127.0.0.1",
            61616,
            console.getAddress().getPort(),
            "hookline",
            "secret",
            Map.of());
    return new DeliveryPause(broker, "hookline");
  }

  /** A broker that carries out every operation and then reports its Paused attribute so. */
  private static Function<JsonObject, String> brokerSayingPausedIs(boolean paused) {
    return request ->
        request.getString("type").equals("read")
            ? "{\"status\":200,\"value\":" + paused + "}"
            : "{\"status\":200,\"value\":null}";
  }

  @Test
  void pausingExecutesPauseOnTheDeliveryQueueAndChecksTheBrokerSaysSo() throws IOException {
    DeliveryPause pause = pauseAgainst(brokerSayingPausedIs(true));

    pause.pause();

    assertEquals(2, requests.size());
    assertEquals("exec", requests.get(0).getString("type"));
    assertEquals("pause()", requests.get(0).getString("operation"));
    assertTrue(
        requests.get(0).getString("mbean").contains("queue=\"hookline.deliveries\""),
        requests.get(0).getString("mbean"));
    assertEquals("Paused", requests.get(1).getString("attribute"));
    assertEquals("http://127.0.0.1", origins.get(0));
  }

  @Test
  void aQueueStillRunningAfterPauseIsAnError() throws IOException {
    DeliveryPause pause = pauseAgainst(brokerSayingPausedIs(false));

    IllegalStateException error = assertThrows(IllegalStateException.class, pause::pause);
    assertTrue(error.getMessage().contains("not paused"), error.getMessage());
  }

  @Test
  void aRefusalInsideJolokiasAnswerIsAnErrorWithItsReason() throws IOException {
    DeliveryPause pause =
        pauseAgainst(request -> "{\"status\":403,\"error\":\"Origin http://x is not allowed\"}");

    IllegalStateException error = assertThrows(IllegalStateException.class, pause::resume);
    assertTrue(error.getMessage().contains("is not allowed"), error.getMessage());
  }
}

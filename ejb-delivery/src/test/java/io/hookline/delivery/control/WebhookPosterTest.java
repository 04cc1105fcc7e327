package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP edge against a real loopback server: statuses, caps, redirects, timeouts. */
class WebhookPosterTest {
  private HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/ok",
        exchange -> {
          byte[] echo =
              (exchange.getRequestHeaders().getFirst("webhook-id")
                      + ":"
                      + new String(
                          exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
          lastEcho = new String(echo, StandardCharsets.UTF_8);
        });
    server.createContext(
        "/big",
        exchange -> {
          byte[] big = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(500, big.length);
          exchange.getResponseBody().write(big);
          exchange.close();
        });
    server.createContext(
        "/redirect",
        exchange -> {
          exchange.getResponseHeaders().add("location", "/ok");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    server.createContext(
        "/hang",
        exchange -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  private volatile String lastEcho;

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private final WebhookPoster poster =
      new WebhookPoster(Duration.ofSeconds(2), Duration.ofMillis(500));

  @Test
  void a2xxIsSuccessAndTheHeadersAndBodyArrive() {
    HttpOutcome outcome =
        poster.post(
            url("/ok"),
            Map.of("webhook-id", "msg_1"),
            "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertTrue(outcome.succeeded(), outcome.toString());
    assertEquals(204, outcome.status());
    assertEquals("msg_1:{\"a\":1}", lastEcho);
  }

  @Test
  void theResponseBodyKeptIsCapped() {
    HttpOutcome outcome = poster.post(url("/big"), Map.of(), new byte[0]);
    assertFalse(outcome.succeeded());
    assertEquals(500, outcome.status());
    assertEquals(WebhookPoster.RESPONSE_BODY_LIMIT, outcome.body().length());
  }

  @Test
  void redirectsAreNotFollowedAndCountAsFailures() {
    HttpOutcome outcome = poster.post(url("/redirect"), Map.of(), new byte[0]);
    assertEquals(302, outcome.status());
    assertFalse(outcome.succeeded());
    assertNull(lastEcho, "the redirect target was not called");
  }

  @Test
  void aReceiverThatHangsTimesOut() {
    long start = System.nanoTime();
    HttpOutcome outcome = poster.post(url("/hang"), Map.of(), new byte[0]);
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertFalse(outcome.succeeded());
    assertNull(outcome.status());
    assertTrue(outcome.error().contains("timed out"), outcome.error());
    assertTrue(tookMs < 5000, "gave up after " + tookMs + " ms");
  }

  @Test
  void aRefusedConnectionIsAFailureWithAReason() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpOutcome outcome =
        poster.post("http://127.0.0.1:" + closedPort + "/", Map.of(), new byte[0]);
    assertFalse(outcome.succeeded());
    assertNull(outcome.status());
    assertNotNull(outcome.error());
  }
}

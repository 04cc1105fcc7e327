package io.hookline.delivery.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.hookline.egress.TargetCheck;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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
          // Recorded before answering: the client may look as soon as the answer is out.
          lastEcho = new String(echo, StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
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
    server.createContext(
        "/drip",
        exchange -> {
          // Never silent long enough for a read timeout, never done.
          exchange.sendResponseHeaders(200, 0);
          try {
            for (int i = 0; i < 50 && release.getCount() > 0; i++) {
              exchange.getResponseBody().write('x');
              exchange.getResponseBody().flush();
              Thread.sleep(200);
            }
          } catch (InterruptedException | IOException e) {
            // the client gave up, as it should
          }
          exchange.close();
        });
    server.start();
  }

  private volatile String lastEcho;

  @AfterEach
  void stop() throws IOException {
    release.countDown();
    server.stop(0);
    poster.close();
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
    assertTrue(outcome.body().endsWith(io.hookline.platform.StoredText.CUT), "marked as cut");
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
  void aReceiverThatDripsBytesIsCutOffAtTheHardDeadline() {
    long start = System.nanoTime();
    HttpOutcome outcome = poster.post(url("/drip"), Map.of(), new byte[0]);
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertNull(outcome.status(), outcome.toString());
    assertTrue(outcome.error().contains("timed out"), outcome.error());
    // The request timeout is 500 ms; the deadline is a second above it.
    assertTrue(tookMs < 4000, "gave up after " + tookMs + " ms");
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

  @Test
  void theConnectionGoesToTheAddressTheResolverApproved() {
    // No DNS knows this name: the call can only work if the client connects to what the
    // resolver returned, looking the name up once, not a second time on its own.
    AtomicInteger lookups = new AtomicInteger();
    TargetCheck.Resolver pinned =
        host -> {
          lookups.incrementAndGet();
          assertEquals("receiver.hookline.invalid", host);
          return new InetAddress[] {InetAddress.getLoopbackAddress()};
        };
    try (WebhookPoster pinnedPoster =
        new WebhookPoster(Duration.ofSeconds(2), Duration.ofMillis(500), pinned)) {
      HttpOutcome outcome =
          pinnedPoster.post(
              "http://receiver.hookline.invalid:" + server.getAddress().getPort() + "/ok",
              Map.of("webhook-id", "msg_2"),
              new byte[0]);
      assertTrue(outcome.succeeded(), outcome.toString());
      assertEquals(1, lookups.get());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anAddressTheCheckRefusesIsNeverConnectedTo() throws IOException {
    // A name that passed the check when saved and now answers with loopback: DNS rebinding.
    TargetCheck check =
        new TargetCheck(true, false, host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
    try (WebhookPoster guarded =
        new WebhookPoster(
            Duration.ofSeconds(2), Duration.ofMillis(500), check::addressesToConnect)) {
      HttpOutcome outcome =
          guarded.post(
              "http://rebinding.example:" + server.getAddress().getPort() + "/ok",
              Map.of(),
              new byte[0]);
      assertFalse(outcome.succeeded());
      assertNull(outcome.status());
      assertTrue(
          outcome.error().startsWith("not sent: host rebinding.example resolves to 127.0.0.1"),
          outcome.error());
      assertNull(lastEcho, "the receiver was not called");
    }
  }

  @Test
  void aConnectionClosedWithoutAnAnswerCountsAsDropped() throws Exception {
    try (ServerSocket rude = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread closer =
          new Thread(
              () -> {
                try (Socket socket = rude.accept()) {
                  socket.getInputStream().read(new byte[512]);
                } catch (IOException ignored) {
                  // the test's assertion says what happened
                }
              });
      closer.start();
      HttpOutcome outcome =
          poster.post("http://127.0.0.1:" + rude.getLocalPort() + "/", Map.of(), new byte[0]);
      closer.join(5000);
      assertNull(outcome.status());
      assertTrue(WebhookPoster.isDropped(outcome.error()), outcome.error());
    }
  }

  /** Polls until the condition holds, failing after the deadline. */
  private static void await(String what, Duration timeout, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " not reached within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  /** Posts a fresh 1 MiB body and keeps only a weak reference to it. */
  private WeakReference<byte[]> postMebibyte(WebhookPoster to) {
    byte[] body = new byte[1 << 20];
    HttpOutcome outcome = to.post(url("/ok"), Map.of(), body);
    assertTrue(outcome.succeeded(), outcome.toString());
    return new WeakReference<>(body);
  }

  @Test
  void nothingOfAFinishedCallStaysReachable() throws Exception {
    // A long timeout: a cancelled deadline task would otherwise stay queued for 31 s.
    try (WebhookPoster longDeadline =
        new WebhookPoster(Duration.ofSeconds(2), Duration.ofSeconds(30))) {
      List<WeakReference<byte[]>> bodies = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        bodies.add(postMebibyte(longDeadline));
      }
      assertEquals(0, longDeadline.pendingDeadlines(), "deadline tasks left queued");
      await(
          "every request body collected",
          Duration.ofSeconds(10),
          () -> {
            System.gc();
            return bodies.stream().allMatch(body -> body.get() == null);
          });
    }
  }

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().equals(name));
  }

  @Test
  void closingEndsTheDeadlineThread() throws Exception {
    WebhookPoster closing = new WebhookPoster(Duration.ofSeconds(2), Duration.ofMillis(500));
    assertTrue(closing.post(url("/ok"), Map.of(), new byte[0]).succeeded());
    String name = closing.deadlineThreadName();
    assertTrue(threadAlive(name), "a call starts the deadline thread");
    closing.close();
    await("no deadline thread left", Duration.ofSeconds(10), () -> !threadAlive(name));
  }
}

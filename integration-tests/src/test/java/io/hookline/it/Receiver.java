package io.hookline.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A webhook subscriber on loopback that records every request and answers with scripted statuses
 * per path (200 once the script runs out).
 */
public final class Receiver implements AutoCloseable {
  public record Received(String path, Map<String, String> headers, byte[] body, Instant at) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final Map<String, List<Received>> received = new HashMap<>();

  /** A scripted answer: a status and response headers. */
  public record Reply(
      int status, Map<String, String> headers, java.time.Duration delay, byte[] body) {
    public Reply(int status, Map<String, String> headers, java.time.Duration delay) {
      this(status, headers, delay, null);
    }

    public Reply(int status, Map<String, String> headers) {
      this(status, headers, java.time.Duration.ZERO);
    }

    /** Answers {@code status} with these bytes as the response body. */
    public static Reply withBody(int status, byte[] body) {
      return new Reply(status, Map.of(), java.time.Duration.ZERO, body);
    }

    public static Reply of(int status) {
      return new Reply(status, Map.of());
    }

    /** Closes the connection without answering. */
    public static Reply dropConnection() {
      return new Reply(DROP, Map.of());
    }
  }

  private static final int DROP = -1;
  private final Map<String, java.time.Duration> slowPaths = new ConcurrentHashMap<>();

  /** Every request to {@code path} is answered only after {@code delay}. */
  public void slow(String path, java.time.Duration delay) {
    slowPaths.put(path, delay);
  }

  private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();

  /**
   * The {@code ordinal}-th request to a path (1-based), held before it is answered: the test learns
   * when it arrived and decides when it is answered.
   */
  public static final class Hold {
    private final int ordinal;
    private final java.util.concurrent.CountDownLatch arrived =
        new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch released =
        new java.util.concurrent.CountDownLatch(1);

    private Hold(int ordinal) {
      this.ordinal = ordinal;
    }

    /** Waits until the held request has arrived. */
    public void awaitArrival(Duration timeout) {
      try {
        if (!arrived.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
          throw new AssertionError("request " + ordinal + " did not arrive within " + timeout);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    /** Lets the held request be answered (with its scripted reply). */
    public void release() {
      released.countDown();
    }

    private void holdIfMine(int count) throws InterruptedException {
      if (count == ordinal) {
        arrived.countDown();
        // Bounded, so a test that fails before releasing cannot leave a thread behind for long.
        released.await(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
  }

  /** Holds the {@code ordinal}-th request to {@code path} until the returned hold is released. */
  public Hold hold(String path, int ordinal) {
    Hold hold = new Hold(ordinal);
    holds.put(path, hold);
    return hold;
  }

  private Receiver(HttpServer server) {
    this.server = server;
  }

  public static Receiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
      Receiver receiver = new Receiver(server);
      server.createContext("/", receiver::handle);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next requests to {@code path} get these statuses, in order. */
  public void script(String path, Integer... statuses) {
    script(path, java.util.Arrays.stream(statuses).map(Reply::of).toArray(Reply[]::new));
  }

  /** The next {@code count} requests to {@code path} get {@code status}; later ones, 200. */
  public void scriptRepeated(String path, int count, int status) {
    Integer[] statuses = new Integer[count];
    java.util.Arrays.fill(statuses, status);
    script(path, statuses);
  }

  public void script(String path, Reply... replies) {
    scripts.put(path, new ArrayDeque<>(List.of(replies)));
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    String path = exchange.getRequestURI().getPath();
    int count;
    synchronized (this) {
      List<Received> onPath = received.computeIfAbsent(path, p -> new ArrayList<>());
      onPath.add(new Received(path, headers, body, Instant.now()));
      count = onPath.size();
      notifyAll();
    }
    Hold hold = holds.get(path);
    if (hold != null) {
      try {
        hold.holdIfMine(count);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Deque<Reply> script = scripts.get(path);
    Reply reply = script == null ? null : script.poll();
    if (reply == null) {
      reply = Reply.of(200);
    }
    java.time.Duration delay = slowPaths.getOrDefault(path, reply.delay());
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (reply.status() == DROP) {
      exchange.getResponseBody().close();
      exchange.close();
      return;
    }
    reply.headers().forEach(exchange.getResponseHeaders()::add);
    if (reply.body() == null) {
      exchange.sendResponseHeaders(reply.status(), -1);
    } else {
      exchange.sendResponseHeaders(reply.status(), reply.body().length);
      exchange.getResponseBody().write(reply.body());
    }
    exchange.close();
  }

  public synchronized List<Received> received(String path) {
    return List.copyOf(received.getOrDefault(path, List.of()));
  }

  /** Waits until {@code path} has had at least {@code count} requests; returns them all. */
  public synchronized List<Received> await(String path, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.getOrDefault(path, List.of()).size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "expected "
                + count
                + " requests to "
                + path
                + " within "
                + timeout
                + ", got "
                + received(path).size());
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return received(path);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}

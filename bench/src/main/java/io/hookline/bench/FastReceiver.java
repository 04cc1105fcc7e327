package io.hookline.bench;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subscriber: answers 204 at once, checks every signature with the Standard Webhooks project's
 * own verifier, and tallies deliveries per phase: unique (endpoint, webhook-id) pairs, duplicates,
 * bad signatures, and the time from the intended send to the first arrival.
 */
public final class FastReceiver implements AutoCloseable {
  static {
    // Without it the JDK server answers after Nagle meets delayed ACK (~40 ms): latencies fiction.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private HttpServer server;
  private final int port;
  private final ExecutorService workers;
  private final Webhook verifier;
  private final Tally[] tallies;
  private static final String PATH = "/hooks/";
  private final AtomicLong foreign = new AtomicLong();

  public FastReceiver(String secret, int phases) throws IOException {
    try {
      this.verifier = new Webhook(secret);
    } catch (com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
      throw new IllegalArgumentException("the receiver needs a secret", e);
    }
    this.tallies = new Tally[phases];
    for (int i = 0; i < phases; i++) {
      tallies[i] = new Tally();
    }
    workers = Executors.newFixedThreadPool(16);
    server = listen(0);
    port = server.getAddress().getPort();
  }

  private HttpServer listen(int onPort) throws IOException {
    HttpServer listening = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 1024);
    listening.setExecutor(workers);
    listening.createContext("/", this::handle);
    listening.start();
    return listening;
  }

  /** Takes the subscriber down: connections are refused until {@link #comeBack()}. */
  public synchronized void goDown() {
    server.stop(0);
  }

  /** Listens again, on the same port, with the same tallies. */
  public synchronized void comeBack() throws IOException {
    server = listen(port);
  }

  /** The URL of endpoint {@code name} on this receiver. */
  public String url(String name) {
    return "http://127.0.0.1:" + port + PATH + name;
  }

  public Tally tally(int phase) {
    return tallies[phase];
  }

  /** Requests that were not ours (no phase in the body): should stay 0. */
  public long foreign() {
    return foreign.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      int phase = Payloads.phase(body);
      if (phase < 0 || phase >= tallies.length) {
        foreign.incrementAndGet();
      } else {
        Tally tally = tallies[phase];
        try {
          verifier.verify(body, exchange.getRequestHeaders());
          String key =
              exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("webhook-id");
          if (tally.seen.add(key)) {
            long sent = Payloads.sentNanos(body);
            tally.endToEnd.recordNanos(arrived - sent, sent);
            tally.lastArrival = arrived;
          } else {
            tally.duplicates.incrementAndGet();
          }
        } catch (WebhookVerificationException e) {
          tally.badSignatures.incrementAndGet();
        }
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  /** What one phase's deliveries looked like at the receiver. */
  public static final class Tally {
    final Set<String> seen = ConcurrentHashMap.newKeySet();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong badSignatures = new AtomicLong();
    final Latencies endToEnd = new Latencies();
    volatile long lastArrival;

    public long delivered() {
      return seen.size();
    }

    /** Whether webhook {@code id} reached endpoint {@code name} (see {@link FastReceiver#url}). */
    public boolean received(String name, String id) {
      return seen.contains(PATH + name + " " + id);
    }

    /** The webhook-ids that arrived, whichever endpoint they reached. */
    public java.util.Set<String> ids() {
      java.util.Set<String> ids = new java.util.HashSet<>();
      seen.forEach(key -> ids.add(key.substring(key.indexOf(' ') + 1)));
      return ids;
    }

    public long duplicates() {
      return duplicates.get();
    }

    public long badSignatures() {
      return badSignatures.get();
    }

    public Latencies.Summary endToEnd() {
      return endToEnd.summary();
    }

    /** {@link System#nanoTime()} of the latest first arrival, 0 before any. */
    public long lastArrival() {
      return lastArrival;
    }
  }
}

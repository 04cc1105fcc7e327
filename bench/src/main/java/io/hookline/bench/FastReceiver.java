package io.hookline.bench;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subscriber: answers 204 at once, checks every signature with the Standard Webhooks project's
 * own verifier, and tallies deliveries per phase: unique (endpoint, webhook-id) pairs, duplicates,
 * bad signatures, and the time from the intended send to the first arrival, in all and per
 * endpoint. An endpoint can be told to answer late, or to fail a share of its requests with 500.
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
  private final String host;
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();

  /** How endpoint {@code name} answers: after a delay, and failing a share of its requests. */
  private record Behaviour(long delayMillis, double failShare) {}

  public FastReceiver(String secret, int phases) throws IOException {
    this("127.0.0.1", secret, phases);
  }

  /**
   * @param host the address to listen on, which the endpoints' URLs name
   */
  public FastReceiver(String host, String secret, int phases) throws IOException {
    this.host = host;
    try {
      this.verifier = new Webhook(secret);
    } catch (com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
      throw new IllegalArgumentException("the receiver needs a secret", e);
    }
    this.tallies = new Tally[phases];
    for (int i = 0; i < phases; i++) {
      tallies[i] = new Tally();
    }
    // Enough that endpoints told to answer late never hold the threads the others need.
    workers = Executors.newFixedThreadPool(64);
    server = listen(0);
    port = server.getAddress().getPort();
  }

  private HttpServer listen(int onPort) throws IOException {
    HttpServer listening = HttpServer.create(new InetSocketAddress(host, onPort), 1024);
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
    return "http://" + host + ":" + port + PATH + name;
  }

  /**
   * From now on endpoint {@code name} answers after {@code delayMillis}, and answers 500 to a
   * random {@code failShare} of its requests (which then do not count as arrivals).
   */
  public void behave(String name, long delayMillis, double failShare) {
    behaviours.put(PATH + name, new Behaviour(delayMillis, failShare));
  }

  /** Endpoint {@code name} answers at once and never fails again. */
  public void behaveNormally(String name) {
    behaviours.remove(PATH + name);
  }

  public Tally tally(int phase) {
    return tallies[phase];
  }

  /** Requests that were not ours (no phase in the body): should stay 0. */
  public long foreign() {
    return foreign.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Behaviour behaviour = behaviours.get(exchange.getRequestURI().getPath());
    if (behaviour != null && behaviour.delayMillis() > 0) {
      try {
        Thread.sleep(behaviour.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.close();
        return;
      }
    }
    if (behaviour != null && ThreadLocalRandom.current().nextDouble() < behaviour.failShare()) {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(500, -1);
      }
      return;
    }
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
          if (tally.seen.putIfAbsent(key, arrived) == null) {
            long sent = Payloads.sentNanos(body);
            tally.endToEnd.recordNanos(arrived - sent, sent);
            tally
                .byEndpoint
                .computeIfAbsent(exchange.getRequestURI().getPath(), path -> new Latencies())
                .recordNanos(arrived - sent, sent);
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
    /** When each (endpoint, webhook-id) first arrived, as a {@link System#nanoTime()}. */
    final Map<String, Long> seen = new ConcurrentHashMap<>();

    final Map<String, Latencies> byEndpoint = new ConcurrentHashMap<>();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong badSignatures = new AtomicLong();
    final Latencies endToEnd = new Latencies();
    volatile long lastArrival;

    public long delivered() {
      return seen.size();
    }

    /** Whether webhook {@code id} reached endpoint {@code name} (see {@link FastReceiver#url}). */
    public boolean received(String name, String id) {
      return seen.containsKey(PATH + name + " " + id);
    }

    /** When webhook {@code id} first reached endpoint {@code name}, or -1 if it has not. */
    public long arrival(String name, String id) {
      Long at = seen.get(PATH + name + " " + id);
      return at == null ? -1 : at;
    }

    /** The first arrivals at endpoint {@code name}, as {@link #endToEnd()} counts them all. */
    public Latencies.Summary endToEnd(String name) {
      Latencies latencies = byEndpoint.get(PATH + name);
      return latencies == null ? new Latencies().summary() : latencies.summary();
    }

    /** The webhook-ids that arrived, whichever endpoint they reached. */
    public java.util.Set<String> ids() {
      java.util.Set<String> ids = new java.util.HashSet<>();
      seen.keySet().forEach(key -> ids.add(key.substring(key.indexOf(' ') + 1)));
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

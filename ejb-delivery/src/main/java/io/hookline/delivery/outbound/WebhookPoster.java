package io.hookline.delivery.outbound;

import io.hookline.egress.BoundedResolver;
import io.hookline.egress.TargetCheck;
import io.hookline.platform.StoredText;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs one signed body and reports what happened. Plain Java: no container types.
 *
 * <p>Apache HttpClient rather than java.net.http because it takes a name resolver: the connection
 * goes to the addresses the target check approved, never to a second, unchecked DNS answer.
 */
public class WebhookPoster implements AutoCloseable {
  static final int RESPONSE_BODY_LIMIT = 4096;
  private static final String DROPPED = "connection dropped before an answer: ";
  private static final ContentType JSON = ContentType.create("application/json");

  private static final AtomicInteger POSTERS = new AtomicInteger();

  /**
   * Ends calls that outlive the hard deadline: a receiver that drips bytes beats a read timeout.
   * Owned by this poster and shut down with it; a call's task leaves the queue when the call ends,
   * so nothing of a finished call stays reachable from here.
   */
  private final ScheduledThreadPoolExecutor deadlines;

  private final String deadlineThreadName;
  private final CloseableHttpClient client;
  private final Duration timeout;
  private final BoundedResolver names;

  /**
   * @param resolver resolves each host, given at most {@code connectTimeout} to answer: a lookup
   *     cannot be cancelled by the call's deadline, so it is bounded on its own
   */
  public WebhookPoster(Duration connectTimeout, Duration timeout, TargetCheck.Resolver resolver) {
    this.timeout = timeout;
    this.deadlineThreadName = "hookline-delivery-deadline-" + POSTERS.incrementAndGet();
    this.deadlines =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, deadlineThreadName);
              thread.setDaemon(true);
              return thread;
            });
    deadlines.setRemoveOnCancelPolicy(true);
    this.names = new BoundedResolver(resolver, connectTimeout);
    DnsResolver dns =
        new DnsResolver() {
          @Override
          public InetAddress[] resolve(String host) throws UnknownHostException {
            return names.resolve(host);
          }

          @Override
          public String resolveCanonicalHostname(String host) {
            return host;
          }
        };
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(dns)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(connectTimeout))
                            .setSocketTimeout(Timeout.of(timeout))
                            .setTimeToLive(TimeValue.ofMinutes(5))
                            .build())
                    .setMaxConnTotal(512)
                    .setMaxConnPerRoute(32)
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(timeout))
                    .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                    .setRedirectsEnabled(false)
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableContentCompression()
            .evictIdleConnections(TimeValue.ofSeconds(30))
            .build();
  }

  /** With the JDK's own name resolution: for tests and tools that call anything. */
  public WebhookPoster(Duration connectTimeout, Duration timeout) {
    this(connectTimeout, timeout, InetAddress::getAllByName);
  }

  public HttpOutcome post(String url, Map<String, String> headers, byte[] body) {
    long start = System.nanoTime();
    HttpPost request;
    try {
      request = new HttpPost(url);
    } catch (IllegalArgumentException e) {
      return HttpOutcome.noResponse(describe(e), millisSince(start));
    }
    request.setHeader("user-agent", "Hookline/0.1");
    // Replacing, so an endpoint's own User-Agent, say, is not sent twice.
    headers.forEach(request::setHeader);
    // No charset parameter: JSON is UTF-8 by definition (RFC 8259), and receivers compare this.
    request.setEntity(new ByteArrayEntity(body, JSON));
    AtomicBoolean pastDeadline = new AtomicBoolean();
    ScheduledFuture<?> deadline =
        deadlines.schedule(
            () -> {
              pastDeadline.set(true);
              request.cancel();
            },
            timeout.toMillis() + 1000,
            TimeUnit.MILLISECONDS);
    ClassicHttpResponse response = null;
    try {
      response = client.executeOpen(null, request, null);
      HttpEntity entity = response.getEntity();
      String responseBody = "";
      if (entity != null) {
        InputStream in = entity.getContent();
        byte[] kept = in.readNBytes(RESPONSE_BODY_LIMIT);
        boolean longer = in.read() != -1;
        if (longer) {
          // Longer than we keep: drop the connection rather than drain an unbounded stream.
          request.cancel();
        }
        responseBody = StoredText.responseBody(kept, longer, RESPONSE_BODY_LIMIT);
      }
      Header retryAfter = response.getFirstHeader("retry-after");
      return new HttpOutcome(
          response.getCode(),
          responseBody,
          null,
          millisSince(start),
          retryAfter == null ? null : retryAfter.getValue());
    } catch (SocketTimeoutException e) {
      return timedOut(start);
    } catch (NoHttpResponseException | ConnectionClosedException e) {
      return HttpOutcome.noResponse(DROPPED + describe(e), millisSince(start));
    } catch (SocketException e) {
      if (pastDeadline.get()) {
        return timedOut(start);
      }
      boolean reset = e.getMessage() != null && e.getMessage().contains("Connection reset");
      return HttpOutcome.noResponse((reset ? DROPPED : "") + describe(e), millisSince(start));
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      if (pastDeadline.get()) {
        return timedOut(start);
      }
      return HttpOutcome.noResponse(describe(e), millisSince(start));
    } finally {
      deadline.cancel(false);
      closeQuietly(response);
    }
  }

  /** Gives a fully read connection back to the pool; a cancelled one is already gone. */
  private static void closeQuietly(ClassicHttpResponse response) {
    if (response != null) {
      try {
        response.close();
      } catch (IOException | RuntimeException ignored) {
        // The outcome is known; a connection that will not close cleanly is not reused.
      }
    }
  }

  private HttpOutcome timedOut(long start) {
    return HttpOutcome.noResponse(
        "timed out after " + timeout.toMillis() + " ms", millisSince(start));
  }

  /** Whether an error means the connection dropped before an answer (not a timeout or refusal). */
  static boolean isDropped(String error) {
    return error.startsWith(DROPPED);
  }

  /** Deadline tasks waiting: one per call in progress. */
  int pendingDeadlines() {
    return deadlines.getQueue().size();
  }

  String deadlineThreadName() {
    return deadlineThreadName;
  }

  /** Closes the pooled connections and ends the deadline thread. */
  @Override
  public void close() throws IOException {
    try {
      client.close();
    } finally {
      try {
        deadlines.shutdownNow();
      } finally {
        names.close();
      }
    }
  }

  private static String describe(Exception e) {
    String text =
        e instanceof TargetCheck.RefusedAddress
            ? "not sent: " + e.getMessage()
            : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return StoredText.fit(text, 1000);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}

package io.hookline.delivery.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** POSTs one signed body and reports what happened. Plain Java: no container types. */
public class WebhookPoster {
  static final int RESPONSE_BODY_LIMIT = 4096;

  private final HttpClient client;
  private final Duration timeout;

  public WebhookPoster(Duration connectTimeout, Duration timeout) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .build();
    this.timeout = timeout;
  }

  public HttpOutcome post(String url, Map<String, String> headers, byte[] body) {
    long start = System.nanoTime();
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(timeout)
              .header("content-type", "application/json")
              .header("user-agent", "Hookline/0.1")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      // Replacing, so an endpoint's own User-Agent, say, is not sent twice.
      headers.forEach(request::setHeader);
      // A hard bound on top of the request timeout: a try must never hold a consumer forever.
      CompletableFuture<HttpResponse<InputStream>> pending =
          client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      HttpResponse<InputStream> response;
      try {
        response = pending.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        pending.cancel(true);
        throw new java.net.http.HttpTimeoutException("no response");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IOException(e.getCause());
      }
      String responseBody;
      try (InputStream in = response.body()) {
        responseBody = new String(in.readNBytes(RESPONSE_BODY_LIMIT), StandardCharsets.UTF_8);
      }
      return new HttpOutcome(
          response.statusCode(),
          responseBody,
          null,
          millisSince(start),
          response.headers().firstValue("retry-after").orElse(null));
    } catch (java.net.http.HttpTimeoutException e) {
      return HttpOutcome.noResponse(
          "timed out after " + timeout.toMillis() + " ms", millisSince(start));
    } catch (IOException | IllegalArgumentException e) {
      return HttpOutcome.noResponse(describe(e), millisSince(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HttpOutcome.noResponse("interrupted", millisSince(start));
    }
  }

  /** Whether an error means the connection dropped before an answer (not a timeout or refusal). */
  static boolean isDropped(String error) {
    return error.contains("header parser received no bytes")
        || error.contains("Connection reset")
        || error.contains("EOF reached while reading");
  }

  private static String describe(Exception e) {
    String text =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}

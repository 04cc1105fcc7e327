package io.hookline.delivery.outbound;

/**
 * What one POST to a subscriber came to.
 *
 * @param status the HTTP status, or null when no response arrived
 * @param body the start of the response body, capped
 * @param error why no response arrived, or null
 * @param retryAfter the response's Retry-After header, or null
 */
public record HttpOutcome(
    Integer status, String body, String error, long durationMs, String retryAfter) {

  /** A try that was not made or got no response. */
  public static HttpOutcome noResponse(String error, long durationMs) {
    return new HttpOutcome(null, null, error, durationMs, null);
  }

  /** Only a 2xx counts; redirects are never followed, so a 3xx is a failure too. */
  public boolean succeeded() {
    return status != null && status >= 200 && status < 300;
  }

  public String describe() {
    return status != null ? "HTTP " + status : error;
  }
}

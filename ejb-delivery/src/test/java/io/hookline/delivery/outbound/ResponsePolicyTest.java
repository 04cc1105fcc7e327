package io.hookline.delivery.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hookline.delivery.outbound.ResponsePolicy.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponsePolicyTest {

  private static HttpOutcome status(int code) {
    return new HttpOutcome(code, "", null, 5, null);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 202, 204, 299})
  void twoHundredsAreDelivered(int code) {
    assertEquals(Verdict.DELIVERED, ResponsePolicy.verdict(status(code)));
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 301, 302, 307, 308, 400, 401, 404, 408, 429, 500, 502, 503, 504})
  void everythingElseIsRetriedIncludingRedirects(int code) {
    assertEquals(Verdict.RETRY, ResponsePolicy.verdict(status(code)));
  }

  @Test
  void noResponseIsRetried() {
    assertEquals(
        Verdict.RETRY,
        ResponsePolicy.verdict(new HttpOutcome(null, null, "timed out", 15000, null)));
  }

  @Test
  void goneDisablesTheEndpoint() {
    assertEquals(Verdict.ENDPOINT_GONE, ResponsePolicy.verdict(status(410)));
  }

  @Test
  void retryAfterInSecondsOrAsADateFor429And503Only() {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    assertEquals(Duration.ofSeconds(120), ResponsePolicy.retryAfter(429, "120", now));
    assertEquals(
        Duration.ofSeconds(30),
        ResponsePolicy.retryAfter(503, "Mon, 23 Nov 2026 10:00:30 GMT", now));
    assertEquals(
        Duration.ZERO, ResponsePolicy.retryAfter(503, "Mon, 23 Nov 2026 09:00:00 GMT", now));
    assertNull(ResponsePolicy.retryAfter(500, "120", now));
    assertNull(ResponsePolicy.retryAfter(429, "soon", now));
    assertNull(ResponsePolicy.retryAfter(429, "-5", now));
    assertNull(ResponsePolicy.retryAfter(429, null, now));
  }
}

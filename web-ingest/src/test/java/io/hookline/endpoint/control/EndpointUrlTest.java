package io.hookline.endpoint.control;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointUrlTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com/hook",
        "http://example.com:8080/a?b=c",
        "HTTPS://EXAMPLE.COM"
      })
  void acceptsHttpAndHttpsUrls(String url) {
    assertNull(EndpointUrl.problemWith(url));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com/x",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "example.com/hook",
        "https://user:pass@example.com/",
        "https:///nohost",
        "http://exa mple.com/",
        "https://example.com/#frag"
      })
  void refusesOtherSchemesCredentialsAndNonsense(String url) {
    assertNotNull(EndpointUrl.problemWith(url));
  }
}

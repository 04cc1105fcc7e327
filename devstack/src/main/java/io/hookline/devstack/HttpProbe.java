package io.hookline.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A GET with short timeouts, for asking a server whether it is up. HttpURLConnection, not
 * java.net.http: the latter's request timeout did not fire against a server still booting, and the
 * probe hung for good.
 */
public final class HttpProbe {
  /** A status and the body (empty when there was none to read). */
  public record Answer(int status, String body) {}

  private HttpProbe() {}

  /** The answer, or null when there was none in time. */
  public static Answer get(String url, int connectMillis, int readMillis) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(connectMillis);
      connection.setReadTimeout(readMillis);
      try {
        int status = connection.getResponseCode();
        InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        return new Answer(
            status, body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return null;
    }
  }
}

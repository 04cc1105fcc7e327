package io.hookline.endpoint.control;

import java.net.URI;
import java.net.URISyntaxException;

/** What makes an endpoint URL acceptable in form (where it points is checked at delivery). */
public final class EndpointUrl {
  private EndpointUrl() {}

  /** Null when the URL is acceptable, otherwise why not. */
  public static String problemWith(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "is not a valid URL: " + e.getReason();
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      return "must be an http or https URL";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "must name a host";
    }
    if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
      return "has an invalid port " + uri.getPort();
    }
    if (uri.getRawUserInfo() != null) {
      return "must not carry credentials; use endpoint headers for authentication";
    }
    if (uri.getRawFragment() != null) {
      return "must not have a fragment";
    }
    return null;
  }
}

package io.hookline.portal.control;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@code hookline.portal.url}: the portal page's public address, which every link starts with and
 * the token's fragment is appended to. It must be absolute, {@code https} (plain {@code http} only
 * when allowed, as in dev mode), with a host and no fragment of its own; anything else is refused,
 * so that a typo cannot send subscribers' tokens to another page.
 */
public final class PortalUrl {
  private PortalUrl() {}

  /** The address, checked; null when the setting is blank. */
  public static String parse(String setting, boolean allowHttp) {
    if (setting == null || setting.isBlank()) {
      return null;
    }
    String text = setting.trim();
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw wrong(text, "is no URL (" + e.getReason() + ")");
    }
    if (!uri.isAbsolute() || uri.isOpaque()) {
      throw wrong(text, "must be an absolute URL, such as https://hookline.example.com/portal/");
    }
    String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      throw wrong(
          text,
          allowHttp
              ? "must be an https:// or http:// URL"
              : "must be an https:// URL (http:// only with HOOKLINE_PORTAL_ALLOW_HTTP, as in"
                  + " dev mode)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw wrong(text, "names no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw wrong(text, "must not carry a user name or password");
    }
    if (uri.getRawFragment() != null || text.contains("#")) {
      throw wrong(text, "must not have a fragment: the link's token goes there");
    }
    return text;
  }

  private static IllegalArgumentException wrong(String text, String why) {
    return new IllegalArgumentException("HOOKLINE_PORTAL_URL '" + text + "' " + why);
  }
}

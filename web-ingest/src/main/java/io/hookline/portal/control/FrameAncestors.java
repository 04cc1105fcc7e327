package io.hookline.portal.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The origins allowed to frame the portal page, as a CSP {@code frame-ancestors} list: {@code
 * 'self'}, {@code 'none'}, or origins ({@code https://app.example.com}, {@code
 * https://*.example.com:8443}), separated by spaces or commas. Origins are {@code https} (plain
 * {@code http} only when allowed, as in dev mode), and a wildcard covers the subdomains of a name
 * of at least two labels ({@code *.example.com}, never {@code *.com}). Anything else is refused, so
 * that a typo cannot widen the list or break the header.
 */
public final class FrameAncestors {
  private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";
  private static final Pattern ORIGIN =
      Pattern.compile(
          "(?<scheme>https?)://(?<wildcard>\\*\\.)?(?<host>"
              + LABEL
              + "(\\."
              + LABEL
              + ")*)(:[0-9]{1,5})?");

  private FrameAncestors() {}

  /**
   * The sources, in order; the default {@code 'self'} when the setting is blank.
   *
   * @param allowHttp whether plain {@code http://} origins are accepted (dev mode)
   */
  public static List<String> parse(String setting, boolean allowHttp) {
    List<String> sources = new ArrayList<>();
    if (setting != null) {
      for (String item : setting.trim().split("[\\s,]+")) {
        if (item.isEmpty()) {
          continue;
        }
        String source = item.endsWith("/") ? item.substring(0, item.length() - 1) : item;
        if (!source.equals("'self'") && !source.equals("'none'")) {
          checkOrigin(item, source, allowHttp);
        }
        sources.add(source);
      }
    }
    if (sources.isEmpty()) {
      return List.of("'self'");
    }
    if (sources.contains("'none'") && sources.size() > 1) {
      throw new IllegalArgumentException(
          "hookline.portal.frame-ancestors: 'none' cannot stand beside other sources");
    }
    return List.copyOf(sources);
  }

  private static void checkOrigin(String item, String source, boolean allowHttp) {
    Matcher origin = ORIGIN.matcher(source);
    if (!origin.matches()) {
      throw wrong(item, "is no origin (such as https://app.example.com), 'self' or 'none'");
    }
    if (origin.group("scheme").equals("http") && !allowHttp) {
      throw wrong(
          item,
          "is plain http: use https (http only with HOOKLINE_PORTAL_ALLOW_HTTP, as in dev mode)");
    }
    if (origin.group("wildcard") != null && !origin.group("host").contains(".")) {
      throw wrong(
          item,
          "covers a whole top-level domain: a wildcard needs two labels after *. (*.example.com)");
    }
  }

  private static IllegalArgumentException wrong(String item, String why) {
    return new IllegalArgumentException("hookline.portal.frame-ancestors: '" + item + "' " + why);
  }

  /** The page's Content-Security-Policy: its own files only, framed by {@code sources}. */
  public static String policy(List<String> sources) {
    return "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
        + " img-src 'self' https: data:; font-src 'self'; base-uri 'none'; form-action 'none';"
        + " frame-ancestors "
        + String.join(" ", sources);
  }
}

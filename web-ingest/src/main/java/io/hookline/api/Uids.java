package io.hookline.api;

import io.hookline.platform.Refusal;
import java.util.regex.Pattern;

/**
 * Svix's uids (1 to 256 of letters, digits, '-', '_', '.'), the client's own names for apps and
 * endpoints, which a path takes in place of an id.
 */
public final class Uids {
  public static final int MAX = 256;

  /** An app's uid: not shaped like an app id, or {@code {app_id}} would be ambiguous. */
  public static final Pattern APP = notShapedLike("app_");

  /** An endpoint's uid: not shaped like an endpoint id, or {@code {endpoint_id}} would be. */
  public static final Pattern ENDPOINT = notShapedLike("ep_");

  private Uids() {}

  /** Svix's uid pattern, refusing what starts with {@code idPrefix}. */
  public static Pattern notShapedLike(String idPrefix) {
    return Pattern.compile("(?!" + Pattern.quote(idPrefix) + ")[a-zA-Z0-9\\-_.]+");
  }

  /**
   * Refuses (422 on the path) a path parameter that is neither an id with {@code idPrefix} nor a
   * valid uid ({@code what} is "an app", "an endpoint"): a PUT may make it the new uid, so it is
   * held to a uid's rules first.
   */
  public static void checkPath(
      String parameter, String ref, String idPrefix, String what, Pattern uid) {
    if (ref.length() > MAX || !(ref.startsWith(idPrefix) || uid.matcher(ref).matches())) {
      throw new Refusal(
          Refusal.Kind.INVALID,
          "invalid-field",
          "Invalid field",
          parameter
              + " must be "
              + what
              + " id or a uid of 1 to "
              + MAX
              + " letters, digits, '-', '_', '.'",
          parameter,
          Refusal.Location.PATH);
    }
  }
}

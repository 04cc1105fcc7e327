package io.hookline.portal.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which capability each API call made with a portal token needs, operation by operation: every
 * resource method of the API is in exactly one of two tables here, {@link #OPEN} (what a link may
 * call, and with which capability) or {@link #CLOSED} (never with a link). A method in neither is
 * closed too, and fails {@code CapabilitiesTest} until it is classified: a new API call stays
 * closed to portal links until someone decides. The path's app has already been checked to be the
 * token's own ({@code io.hookline.api.Access}); this says what within it.
 */
public final class Capabilities {
  /**
   * What a call needs: any one of {@code anyOf}; an empty set means no portal token may. {@code
   * appScoped} is false only for the link's own session, which names no app in its path.
   */
  public record Need(Set<Capability> anyOf, String action, boolean appScoped) {
    public boolean allows(Set<Capability> held) {
      return anyOf.stream().anyMatch(held::contains);
    }

    /** The capability to name when refusing: the narrowest one that would do. */
    public Optional<Capability> first() {
      return anyOf.stream().findFirst();
    }
  }

  /** One API operation: its HTTP method and its path template as JAX-RS declares it. */
  public record Route(String method, String template, Need need) {
    List<String> segments() {
      return List.of(template.split("/"));
    }

    /** How JAX-RS ranks a template that matches: more literal characters first. */
    int literalCharacters() {
      return segments().stream().filter(s -> !isVariable(s)).mapToInt(String::length).sum();
    }

    boolean matches(List<String> path) {
      List<String> segments = segments();
      if (segments.size() != path.size()) {
        return false;
      }
      for (int i = 0; i < segments.size(); i++) {
        if (!isVariable(segments.get(i)) && !segments.get(i).equals(path.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  private static final Need VIEW = need("read", Capability.VIEW_BASE);
  private static final Need NEVER = new Need(EnumSet.noneOf(Capability.class), "never", true);
  private static final Need MANAGE = need("change endpoints", Capability.MANAGE_ENDPOINT);
  private static final Need ATTEMPTS = need("resend or send examples", Capability.CREATE_ATTEMPTS);
  private static final Need SECRET =
      need(
          "read the signing secret",
          Capability.VIEW_ENDPOINT_SECRET,
          Capability.MANAGE_ENDPOINT_SECRET,
          Capability.MANAGE_ENDPOINT);
  private static final Need ROTATE =
      need(
          "rotate the signing secret",
          Capability.MANAGE_ENDPOINT_SECRET,
          Capability.MANAGE_ENDPOINT);

  /** The page's first call: any live link reads its own session, whatever it carries. */
  public static final Need OWN_SESSION =
      new Need(EnumSet.allOf(Capability.class), "read its session", false);

  private static final String APP = "v1/app/{app_id}";
  private static final String ENDPOINT = APP + "/endpoint/{endpoint_id}";
  private static final String MESSAGE = APP + "/msg/{msg_id}";

  /** What a portal link may call, and the capability each call needs. */
  static final List<Route> OPEN =
      List.of(
          route("GET", "v1/auth/portal-session", OWN_SESSION),
          route("GET", APP, VIEW),
          route("GET", APP + "/endpoint", VIEW),
          route("POST", APP + "/endpoint", MANAGE),
          route("GET", ENDPOINT, VIEW),
          route("PUT", ENDPOINT, MANAGE),
          route("PATCH", ENDPOINT, MANAGE),
          route("DELETE", ENDPOINT, MANAGE),
          route("GET", ENDPOINT + "/headers", VIEW),
          route("PUT", ENDPOINT + "/headers", MANAGE),
          route("PATCH", ENDPOINT + "/headers", MANAGE),
          route("GET", ENDPOINT + "/stats", VIEW),
          route("GET", ENDPOINT + "/health", VIEW),
          route("GET", ENDPOINT + "/secret", SECRET),
          route("POST", ENDPOINT + "/secret/rotate", ROTATE),
          route("POST", ENDPOINT + "/recover", ATTEMPTS),
          route("POST", ENDPOINT + "/send-example", ATTEMPTS),
          route("GET", APP + "/msg", VIEW),
          route("GET", MESSAGE, VIEW),
          route("GET", MESSAGE + "/attempt/{attempt_id}", VIEW),
          route("GET", MESSAGE + "/endpoint", VIEW),
          route("POST", MESSAGE + "/endpoint/{endpoint_id}/resend", ATTEMPTS),
          route("GET", APP + "/attempt/msg/{msg_id}", VIEW),
          route("GET", APP + "/attempt/endpoint/{endpoint_id}", VIEW),
          route("GET", APP + "/dead-letter", VIEW),
          route("GET", APP + "/portal/msg", VIEW),
          route("GET", APP + "/portal/hourly", VIEW),
          route("GET", "v1/event-type", VIEW),
          route("GET", "v1/event-type/{event_type_name}", VIEW));

  /**
   * What no portal link may call, whatever it carries: sending messages (the team's, never its
   * customers'), the app itself, tokens and links, the catalogue's changes and every operator call.
   */
  static final List<Route> CLOSED =
      List.of(
          route("GET", "v1/app", NEVER),
          route("POST", "v1/app", NEVER),
          route("PUT", APP, NEVER),
          route("PATCH", APP, NEVER),
          route("DELETE", APP, NEVER),
          route("POST", APP + "/msg", NEVER),
          route("POST", APP + "/msg/batch", NEVER),
          route("POST", APP + "/token", NEVER),
          route("GET", APP + "/token", NEVER),
          route("DELETE", APP + "/token/{token}", NEVER),
          route("POST", "v1/event-type", NEVER),
          route("PUT", "v1/event-type/{event_type_name}", NEVER),
          route("PATCH", "v1/event-type/{event_type_name}", NEVER),
          route("DELETE", "v1/event-type/{event_type_name}", NEVER),
          route("POST", "v1/auth/app-portal-access/{app_id}", NEVER),
          route("POST", "v1/auth/app/{app_id}/expire-all", NEVER),
          // A background task is read by id, not under an app path: the page does not poll it.
          route("GET", "v1/background-task/{task_id}", NEVER),
          route("GET", "v1/audit", NEVER),
          route("GET", "v1/queue", NEVER),
          route("POST", "v1/source", NEVER),
          route("GET", "v1/source", NEVER),
          route("GET", "v1/source/{source}", NEVER),
          route("PUT", "v1/source/{source}", NEVER),
          route("DELETE", "v1/source/{source}", NEVER),
          route("GET", "v1/source/{source}/event", NEVER),
          route("GET", "v1/source/{source}/event/{event}", NEVER),
          route("POST", "v1/source/{source}/event/{event}/replay", NEVER),
          // Needs no token at all: io.hookline.api.Access#open answers it before any token check.
          route("GET", "v1/health", NEVER),
          route("HEAD", "v1/health", NEVER));

  /** Every route, most literal template first, as JAX-RS prefers among matching templates. */
  private static final List<Route> BY_RANK =
      classified().stream()
          .sorted(Comparator.comparingInt(Route::literalCharacters).reversed())
          .toList();

  private Capabilities() {}

  private static Need need(String action, Capability first, Capability... more) {
    return new Need(EnumSet.of(first, more), action, true);
  }

  private static Route route(String method, String template, Need need) {
    return new Route(method, template, need);
  }

  static boolean isVariable(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  /**
   * What the call needs; an operation not in {@link #OPEN} needs what no link holds.
   *
   * @param segments the path below the API's root without empty segments, such as {@code [v1, app,
   *     app_1, endpoint]}
   */
  public static Need required(String method, List<String> segments) {
    // JAX-RS answers HEAD with the GET method of the same path.
    String asked = method.equals("HEAD") ? "GET" : method;
    // The best-ranked template that matches decides, as in JAX-RS: a method it does not declare
    // is a 405 there, and never falls through to a less literal template here.
    Route best = null;
    for (Route route : BY_RANK) {
      if (route.matches(segments)) {
        if (best == null) {
          best = route;
        }
        if (route.literalCharacters() < best.literalCharacters()) {
          break;
        }
        if (route.method().equals(asked)) {
          return route.need();
        }
      }
    }
    return NEVER;
  }

  /** Both tables, for the test that checks them against the API's resource methods. */
  static List<Route> classified() {
    List<Route> all = new ArrayList<>(OPEN);
    all.addAll(CLOSED);
    return all;
  }

  /**
   * What a link carries: every capability when none is named; with {@code readOnly}, ViewBase
   * alone; ViewBase always (Svix: every link needs it).
   */
  public static Set<Capability> granted(Collection<Capability> named, boolean readOnly) {
    if (readOnly) {
      return EnumSet.of(Capability.VIEW_BASE);
    }
    if (named == null || named.isEmpty()) {
      return EnumSet.allOf(Capability.class);
    }
    Set<Capability> granted = EnumSet.copyOf(named);
    granted.add(Capability.VIEW_BASE);
    return granted;
  }

  /** The stored form: wire names in declaration order, separated by commas. */
  public static String format(Set<Capability> capabilities) {
    return capabilities.stream().map(Capability::wireName).collect(Collectors.joining(","));
  }

  /** The stored form read back; unknown names (none are written) are skipped. */
  public static Set<Capability> parse(String stored) {
    Set<Capability> parsed = EnumSet.noneOf(Capability.class);
    for (String name : stored.split(",")) {
      Capability.byWireName(name.trim()).ifPresent(parsed::add);
    }
    return parsed;
  }
}

package io.hookline.portal.control;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which capability each API call made with a portal token needs. The path's app has already been
 * checked to be the token's own ({@code io.hookline.api.Access}); this says what within it. A call
 * not listed here is never open to a portal token: a new API call stays closed to portal links
 * until it is mapped.
 */
public final class Capabilities {
  /** What a call needs: any one of {@code anyOf}; an empty set means no portal token may. */
  public record Need(Set<Capability> anyOf, String action) {
    public boolean allows(Set<Capability> held) {
      return anyOf.stream().anyMatch(held::contains);
    }

    /** The capability to name when refusing: the narrowest one that would do. */
    public Optional<Capability> first() {
      return anyOf.stream().findFirst();
    }
  }

  private static final Need VIEW = need("read", Capability.VIEW_BASE);
  private static final Need NEVER = new Need(EnumSet.noneOf(Capability.class), "never");
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

  private Capabilities() {}

  private static Need need(String action, Capability first, Capability... more) {
    return new Need(EnumSet.of(first, more), action);
  }

  /**
   * What the call needs.
   *
   * @param segments the path below the API's root without empty segments, such as {@code [v1, app,
   *     app_1, endpoint]}
   */
  public static Need required(String method, List<String> segments) {
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (segments.size() < 2 || !segments.get(0).equals("v1")) {
      return NEVER;
    }
    if (segments.get(1).equals("event-type")) {
      return read ? VIEW : NEVER;
    }
    if (!segments.get(1).equals("app") || segments.size() < 3) {
      return NEVER;
    }
    List<String> rest = segments.subList(3, segments.size());
    if (rest.isEmpty()) {
      return read ? VIEW : NEVER;
    }
    return switch (rest.get(0)) {
      case "endpoint" -> endpoint(method, read, rest.subList(1, rest.size()));
      case "msg" -> message(method, read, rest.subList(1, rest.size()));
      case "attempt", "portal", "dead-letter" -> read ? VIEW : NEVER;
      default -> NEVER;
    };
  }

  private static Need endpoint(String method, boolean read, List<String> rest) {
    if (rest.isEmpty()) {
      // The list, or a new endpoint.
      return read ? VIEW : method.equals("POST") ? MANAGE : NEVER;
    }
    if (rest.size() == 1) {
      return read ? VIEW : Set.of("PUT", "PATCH", "DELETE").contains(method) ? MANAGE : NEVER;
    }
    String what = String.join("/", rest.subList(1, rest.size()));
    return switch (what) {
      case "headers" -> read ? VIEW : Set.of("PUT", "PATCH").contains(method) ? MANAGE : NEVER;
      case "stats", "health" -> read ? VIEW : NEVER;
      case "secret" -> read ? SECRET : NEVER;
      case "secret/rotate" -> method.equals("POST") ? ROTATE : NEVER;
      case "recover", "send-example" -> method.equals("POST") ? ATTEMPTS : NEVER;
      default -> NEVER;
    };
  }

  private static Need message(String method, boolean read, List<String> rest) {
    if (read) {
      // The log, one message, its attempts and its destinations.
      return VIEW;
    }
    // Sending messages is the team's, never its customers': POST .../msg and .../msg/batch.
    if (rest.size() == 4
        && rest.get(1).equals("endpoint")
        && rest.get(3).equals("resend")
        && method.equals("POST")) {
      return ATTEMPTS;
    }
    return NEVER;
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

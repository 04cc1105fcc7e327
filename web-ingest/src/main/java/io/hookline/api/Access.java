package io.hookline.api;

import java.util.List;

/**
 * What an app token may reach: its own app's resources under {@code /v1/app/{app_id}/...}, reading
 * (not changing) its own app at {@code /v1/app/{app_id}}, reading the event-type catalogue (global,
 * as in Svix; the admin token changes it), and reading one background task by its id (its resource
 * answers 404 for another app's). Another app's resources answer 404 (as if they did not exist),
 * admin operations 403. The health check needs no token at all.
 */
public final class Access {
  /** The verdict for one request path. */
  public enum Verdict {
    ALLOWED,
    NOT_FOUND,
    FORBIDDEN
  }

  /** The request property holding the app id of the app token a request came with. */
  public static final String CALLER_APP = "io.hookline.caller.app";

  private Access() {}

  /**
   * @param segments the request path below the API's root, such as {@code [v1, app, acme, msg]}
   * @param appId the token's app id
   * @param appUid the token's app uid, or null
   */
  public static Verdict forApp(
      String method, List<String> pathSegments, String appId, String appUid) {
    List<String> segments = withoutEmpty(pathSegments);
    if (segments.size() >= 2
        && segments.get(0).equals("v1")
        && segments.get(1).equals("event-type")) {
      return method.equals("GET") || method.equals("HEAD") ? Verdict.ALLOWED : Verdict.FORBIDDEN;
    }
    if (segments.size() == 3
        && segments.get(0).equals("v1")
        && segments.get(1).equals("background-task")
        && (method.equals("GET") || method.equals("HEAD"))) {
      // One task by its id: the resource answers 404 for another app's (CALLER_APP).
      return Verdict.ALLOWED;
    }
    Verdict verdict = forApp(segments, appId, appUid);
    if (verdict == Verdict.ALLOWED
        && segments.size() == 3
        && segments.get(1).equals("app")
        && !method.equals("GET")
        && !method.equals("HEAD")) {
      // An app token reads its own app; renaming it (its uid is how the operator finds a tenant),
      // changing its limits or deleting it is the operator's.
      return Verdict.FORBIDDEN;
    }
    return verdict;
  }

  /**
   * The path without empty segments (a trailing or doubled slash), so that {@code app/x/} is {@code
   * app/x} and {@code app/x//token} is {@code app/x/token}, whatever the router makes of them.
   */
  static List<String> withoutEmpty(List<String> segments) {
    return segments.stream().filter(segment -> !segment.isEmpty()).toList();
  }

  /** Whether the path answers without a token: Svix's {@code GET /api/v1/health}. */
  public static boolean open(List<String> segments) {
    return withoutEmpty(segments).equals(List.of("v1", "health"));
  }

  /** As {@link #forApp(String, List, String, String)} for the app-scoped resources. */
  public static Verdict forApp(List<String> pathSegments, String appId, String appUid) {
    List<String> segments = withoutEmpty(pathSegments);
    if (segments.size() < 3 || !segments.get(0).equals("v1") || !segments.get(1).equals("app")) {
      // Listing or creating apps, sources, the audit log, queues: the operator's.
      return Verdict.FORBIDDEN;
    }
    String app = segments.get(2);
    if (!app.equals(appId) && !app.equals(appUid)) {
      return Verdict.NOT_FOUND;
    }
    if (segments.size() > 3 && segments.get(3).equals("token")) {
      // A token does not make tokens: only the admin hands them out.
      return Verdict.FORBIDDEN;
    }
    return Verdict.ALLOWED;
  }
}

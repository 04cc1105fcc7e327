package io.hookline.api;

import io.hookline.portal.control.Capabilities;
import io.hookline.portal.control.PortalTokens;
import io.hookline.token.control.ApiTokens;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every API call but the health check ({@link Access#open}) needs {@code Authorization: Bearer
 * <token>}: the admin token (everything), or an app's token (that app's resources; see {@link
 * Access}). With no admin token configured, only app tokens get in: there is no open default. The
 * token is checked first, so a right token always gets in. A wrong one is counted against the
 * client's address (the peer's, or what trusted proxies saw: {@link LoginThrottle#clientAddress})
 * and logged without the token; past {@code hookline.auth.max-failures} a minute, that address's
 * wrong tokens get 429 until the minute is out.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {
  private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class.getName());

  @Inject
  @ConfigProperty(name = "hookline.admin-token")
  Optional<String> adminToken;

  @Inject ApiTokens tokens;
  @Inject PortalTokens portalTokens;
  @Inject LoginThrottle throttle;

  @Context HttpServletRequest http;

  @Override
  public void filter(ContainerRequestContext request) {
    List<String> segments =
        request.getUriInfo().getPathSegments().stream().map(PathSegment::getPath).toList();
    if (Access.open(segments)) {
      return;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    String token = TokenCheck.bearer(header);
    if (TokenCheck.matches(adminToken.orElse(null), token)) {
      return;
    }
    if (token != null && token.startsWith(PortalTokens.PREFIX)) {
      portal(request, segments, header, token);
      return;
    }
    ApiTokens.AppPrincipal app = tokens.authenticate(token);
    if (app == null) {
      refuse(request, header, token);
      return;
    }
    switch (Access.forApp(request.getMethod(), segments, app.appId(), app.appUid())) {
      case ALLOWED -> request.setProperty(Access.CALLER_APP, app.appId());
      case NOT_FOUND -> notFound(request);
      case FORBIDDEN ->
          request.abortWith(
              ProblemMapper.response(
                  403,
                  "forbidden",
                  "Forbidden",
                  "an app token reaches only its own app's resources; this needs the admin token",
                  null));
    }
  }

  /**
   * A subscriber portal link's token: its own app only (as an app token), within it what its
   * capabilities allow ({@link Capabilities}), and at most {@code hookline.portal.max-requests} a
   * minute per link on this node; an expired link is a 401 that says so.
   */
  private void portal(
      ContainerRequestContext request, List<String> segments, String header, String token) {
    PortalTokens.Principal principal = portalTokens.authenticate(token);
    if (principal == null) {
      refuse(request, header, token);
      return;
    }
    if (principal.expired()) {
      Response problem =
          ProblemMapper.response(
              401,
              "token-expired",
              "Link expired",
              "this portal link has expired or was ended; ask for a new one",
              null);
      request.abortWith(
          Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
      return;
    }
    Duration wait = throttle.portalRequest(principal.tokenId());
    if (wait != null) {
      Response problem =
          ProblemMapper.response(
              429,
              "too-many-requests",
              "Too many requests",
              "this portal link made too many requests; try again later",
              null);
      request.abortWith(
          Response.fromResponse(problem)
              .header("Retry-After", Math.max(1, wait.toSeconds()))
              .build());
      return;
    }
    String method = request.getMethod();
    List<String> path = Access.withoutEmpty(segments);
    request.setProperty(PortalTokens.PRINCIPAL, principal);
    Capabilities.Need need = Capabilities.required(method, path);
    Access.Verdict verdict =
        need.appScoped()
            ? Access.forApp(method, segments, principal.appId(), principal.appUid())
            : Access.Verdict.ALLOWED;
    if (verdict == Access.Verdict.NOT_FOUND) {
      notFound(request);
      return;
    }
    if (verdict == Access.Verdict.FORBIDDEN || !need.allows(principal.capabilities())) {
      String detail =
          need.first()
              .map(
                  capability ->
                      "this portal link may not "
                          + need.action()
                          + ": that needs the "
                          + capability.wireName()
                          + " capability")
              .orElse("a portal link cannot make this call");
      request.abortWith(ProblemMapper.response(403, "forbidden", "Forbidden", detail, null));
      return;
    }
    request.setProperty(Access.CALLER_APP, principal.appId());
  }

  /** Another app's resource, or none: 404, as if it did not exist. */
  private static void notFound(ContainerRequestContext request) {
    request.abortWith(
        ProblemMapper.response(
            404,
            "not-found",
            "Not found",
            "nothing is at " + request.getUriInfo().getPath(),
            null));
  }

  /**
   * A missing token is a 401; a wrong one is counted against the client's address, and past the
   * limit that address gets 429 for the rest of the window.
   */
  private void refuse(ContainerRequestContext request, String header, String token) {
    if (token != null) {
      String address = throttle.clientAddress(http);
      Duration wait = throttle.blocked(address);
      if (wait != null) {
        Response problem =
            ProblemMapper.response(
                429,
                "too-many-failed-logins",
                "Too many failed logins",
                "too many failed authentications from " + address + "; try again later",
                null);
        request.abortWith(
            Response.fromResponse(problem)
                .header("Retry-After", Math.max(1, wait.toSeconds()))
                .build());
        return;
      }
      throttle.failed(address);
      LOG.warning(() -> "refused an API token from " + address);
    }
    Response problem =
        ProblemMapper.response(
            401,
            "unauthorized",
            "Unauthorized",
            header == null ? "send Authorization: Bearer <token>" : "the bearer token is not valid",
            null);
    request.abortWith(
        Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
  }
}

package io.hookline.api;

import io.hookline.idempotency.control.IdempotentAnswers;
import io.hookline.platform.Refusal;
import io.hookline.platform.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A POST with an {@code idempotency-key} header (the Svix SDKs send {@code auto_<uuid>} on every
 * POST and retry a 5xx) is answered once: a retry with the same key, path and body gets the first
 * answer again with {@code Idempotent-Replayed: true}; the same key with another body is a 409.
 * Keys are kept per caller (the admin, or an app's token) for 24 hours. Without the header the
 * request is simply run.
 */
@ApplicationScoped
public class IdempotentPost {
  /** A key: 1 to 255 visible ASCII characters. */
  public static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

  /** The header's name (HTTP header names are case-insensitive). */
  public static final String HEADER = "idempotency-key";

  @Inject IdempotentAnswers answers;

  /**
   * The answer to the POST: {@code action}'s (a status, a JSON entity, a Location), or the one
   * stored for its key.
   */
  public Response answer(ContainerRequestContext request, String body, Supplier<Response> action) {
    String key = request.getHeaderString(HEADER);
    if (key == null) {
      return action.get();
    }
    checkKey(HEADER, key);
    IdempotentAnswers.Answer answer =
        answers.once(
            new IdempotentAnswers.Request(
                caller(request),
                key,
                request.getMethod() + " " + request.getUriInfo().getPath(),
                requestHash(request.getUriInfo().getRequestUri().getRawQuery(), body)),
            () -> {
              Response response = action.get();
              URI location = response.getLocation();
              Object entity = response.getEntity();
              return new IdempotentAnswers.Answer(
                  response.getStatus(),
                  entity == null ? "" : entity.toString(),
                  location == null ? null : location.toString(),
                  false);
            });
    Response.ResponseBuilder response = Response.status(answer.status());
    if (answer.status() != Response.Status.NO_CONTENT.getStatusCode()) {
      response.entity(answer.body()).type(MediaType.APPLICATION_JSON);
    }
    if (answer.location() != null) {
      response.location(URI.create(answer.location()));
    }
    if (answer.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.build();
  }

  /**
   * The request's idempotency key as work it starts can keep it (a recovery task): a hash of the
   * caller, the key and the route, or null when the request has no key. A later request with the
   * same key, caller and route has the same one.
   */
  public String requestKey(ContainerRequestContext request) {
    String key = request.getHeaderString(HEADER);
    if (key == null) {
      return null;
    }
    checkKey(HEADER, key);
    return requestKey(
        caller(request), key, request.getMethod() + " " + request.getUriInfo().getPath());
  }

  static String requestKey(String caller, String key, String route) {
    return Sha256.hex(caller + "\n" + key + "\n" + route);
  }

  /** A 422 naming {@code field} unless the key is 1 to 255 visible ASCII characters. */
  public static void checkKey(String field, String key) {
    if (!KEY.matcher(key).matches()) {
      throw Refusal.invalidField(field, "must be 1 to 255 visible ASCII characters");
    }
  }

  /** What makes two requests with one key the same request: the query and the body. */
  static String requestHash(String query, String body) {
    return Sha256.hex((query == null ? "" : query) + "\n" + (body == null ? "" : body));
  }

  /** Whose key it is: the app of an app token, else the admin. */
  static String caller(ContainerRequestContext request) {
    Object app = request.getProperty(Access.CALLER_APP);
    return app == null ? "admin" : "app:" + app;
  }
}

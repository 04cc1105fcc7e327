package io.hookline.api;

import io.hookline.json.Jsons;
import io.hookline.platform.Refusal;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure leaves as RFC 9457 {@code application/problem+json}; never HTML, never a trace.
 * Every problem also carries Svix's {@code code}, a short snake_case string, so Svix's SDKs read it
 * as their own error. On the API ({@link #svixShaped}) an invalid field (422) has Svix's {@code
 * detail: [{loc, msg, type}]} in place of a string {@code detail}, beside Hookline's {@code field};
 * RFC 9457 clients ignore a {@code detail} that is not a string.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
  public static final String PROBLEM_JSON = "application/problem+json";
  public static final String TYPE_PREFIX = "urn:hookline:problem:";
  private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

  @Context UriInfo uri;

  @Override
  public Response toResponse(Throwable thrown) {
    Refusal refusal = find(thrown, Refusal.class);
    if (refusal != null) {
      boolean svix =
          uri != null
              && svixShaped(uri.getPathSegments().stream().map(PathSegment::getPath).toList());
      return Response.status(status(refusal.kind()))
          .type(PROBLEM_JSON)
          .entity((svix ? svixBody(refusal) : body(refusal)).toString())
          .build();
    }
    JsonParsingException parsing = find(thrown, JsonParsingException.class);
    if (parsing != null) {
      return response(
          400,
          "malformed-json",
          "Malformed JSON",
          "request body is not valid JSON: " + parsing.getMessage(),
          null);
    }
    if (thrown instanceof NotAllowedException notAllowed) {
      Response r =
          response(405, "method-not-allowed", "Method not allowed", notAllowed.getMessage(), null);
      return Response.fromResponse(r).allow(notAllowed.getResponse().getAllowedMethods()).build();
    }
    if (thrown instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
      Response.StatusType status = web.getResponse().getStatusInfo();
      return response(
          status.getStatusCode(),
          slug(status.getReasonPhrase()),
          status.getReasonPhrase(),
          web.getMessage(),
          null);
    }
    String incident = UUID.randomUUID().toString();
    Throwable outage = outage(thrown);
    if (outage != null) {
      // The broker or the database failed under the request: a restart, a failover. Said
      // briefly; the resource adapter and the pool log the details themselves.
      LOG.warning("incident " + incident + ": " + outage);
      return Response.fromResponse(
              response(
                  503,
                  "unavailable",
                  "Service unavailable",
                  "the message broker or the database did not complete the request ("
                      + outage.getClass().getSimpleName()
                      + "); it may or may not have been stored, so send it again with the same"
                      + " Idempotency-Key; incident "
                      + incident,
                  null))
          .header("Retry-After", 1)
          .build();
    }
    LOG.log(Level.SEVERE, "incident " + incident, thrown);
    return response(
        500,
        "internal",
        "Internal error",
        "the server failed; incident " + incident + " is in its log",
        null);
  }

  static Response response(int status, String type, String title, String detail, String field) {
    return Response.status(status)
        .type(PROBLEM_JSON)
        .entity(body(status, type, title, detail, field).toString())
        .build();
  }

  /** A refusal as problem JSON, for answers that carry several (a batch's refused items). */
  public static jakarta.json.JsonObject body(Refusal refusal) {
    return body(
        status(refusal.kind()),
        refusal.code(),
        refusal.title(),
        refusal.getMessage(),
        refusal.field());
  }

  /**
   * A refusal as Svix's SDKs expect it: an invalid field's {@code detail} is Svix's list of {@code
   * {loc, msg, type}}, with {@code loc} such as {@code ["body", "schemas", "1", "type"]} or {@code
   * ["query", "limit"]}; other refusals as {@link #body(Refusal)}.
   */
  public static jakarta.json.JsonObject svixBody(Refusal refusal) {
    jakarta.json.JsonObject plain = body(refusal);
    if (refusal.kind() != Refusal.Kind.INVALID) {
      return plain;
    }
    jakarta.json.JsonArrayBuilder loc =
        Jsons.createArrayBuilder().add(refusal.location().name().toLowerCase());
    if (refusal.field() != null) {
      for (String part : refusal.field().split("\\.|(?=\\[)")) {
        if (part.matches("\\[\\d{1,9}\\]")) {
          loc.add(Integer.parseInt(part.substring(1, part.length() - 1)));
        } else if (!part.isEmpty()) {
          loc.add(part);
        }
      }
    }
    JsonObjectBuilder body = Jsons.createObjectBuilder(plain);
    return body.add(
            "detail",
            Jsons.createArrayBuilder()
                .add(
                    Jsons.createObjectBuilder()
                        .add("loc", loc)
                        .add("msg", refusal.getMessage())
                        .add("type", "value_error")))
        .build();
  }

  /**
   * Whether a request path (below the API root, such as {@code [v1, event-type, user.signup]}) is
   * the API's, which answers in Svix's shape; {@code /ingest} answers providers in the plain one.
   */
  public static boolean svixShaped(java.util.List<String> segments) {
    return !segments.isEmpty() && segments.get(0).equals("v1");
  }

  /**
   * Svix's {@code code} for a problem type: its snake_case, with Svix's own names where Svix has
   * one ({@code validation}, {@code authentication_failed}, {@code server_error}).
   */
  public static String svixCode(String type) {
    return switch (type) {
      case "invalid-field" -> "validation";
      case "unauthorized" -> "authentication_failed";
      case "internal" -> "server_error";
      default -> type.replace('-', '_');
    };
  }

  /** The HTTP status that says a refusal of this kind. */
  public static int status(Refusal.Kind kind) {
    return switch (kind) {
      case MALFORMED -> 400;
      case INVALID -> 422;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
    };
  }

  private static jakarta.json.JsonObject body(
      int status, String type, String title, String detail, String field) {
    JsonObjectBuilder body =
        Jsons.createObjectBuilder()
            .add("type", TYPE_PREFIX + type)
            .add("title", title)
            .add("status", status)
            .add("code", svixCode(type));
    if (detail != null) {
      body.add("detail", detail);
    }
    if (field != null) {
      body.add("field", field);
    }
    return body.build();
  }

  private static String slug(String phrase) {
    return phrase.toLowerCase().replaceAll("[^a-z0-9]+", "-");
  }

  /**
   * Failures of the transaction, broker or database connection under the request, which are the
   * server's and pass: the cause in the chain that says so, or null.
   */
  static Throwable outage(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof jakarta.transaction.SystemException
          || t instanceof jakarta.transaction.RollbackException
          || t instanceof jakarta.transaction.HeuristicMixedException
          || t instanceof jakarta.transaction.HeuristicRollbackException
          || t instanceof jakarta.jms.JMSException
          || t instanceof jakarta.jms.JMSRuntimeException
          || t instanceof jakarta.resource.ResourceException
          || t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException
          || t instanceof java.sql.SQLRecoverableException
          || t instanceof javax.transaction.xa.XAException
          || (t instanceof java.sql.SQLException sql && databaseWentAway(sql.getSQLState()))) {
        return t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /**
   * PostgreSQL's drivers say a restart with a plain SQLException: class 08 (connection exception)
   * or 57P01-57P03 (shut down by an administrator, crashed, not accepting connections yet).
   */
  private static boolean databaseWentAway(String sqlState) {
    return sqlState != null
        && (sqlState.startsWith("08")
            || sqlState.equals("57P01")
            || sqlState.equals("57P02")
            || sqlState.equals("57P03"));
  }

  private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}

package io.hookline.api;

/**
 * A client error with what RFC 9457 needs to explain it. Thrown anywhere below a resource and
 * turned into an {@code application/problem+json} response by {@link ProblemMapper}.
 */
public class Problem extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private final String field;

  public Problem(int status, String type, String title, String detail, String field) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.field = field;
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "malformed-request", "Malformed request", detail, null);
  }

  public static Problem invalidField(String field, String detail) {
    return new Problem(422, "invalid-field", "Invalid field", field + " " + detail, field);
  }

  public static Problem notFound(String what, String id) {
    return new Problem(404, "not-found", "Not found", what + " '" + id + "' does not exist", null);
  }

  public static Problem conflict(String field, String detail) {
    return new Problem(409, "conflict", "Conflict", detail, field);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String field() {
    return field;
  }
}

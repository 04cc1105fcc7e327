package io.hookline.platform;

/**
 * A request the domain refuses, saying what is wrong with it: malformed, an invalid field, a thing
 * that does not exist, or a conflict with what is stored. Thrown by control classes; the HTTP
 * boundary turns it into an RFC 9457 problem with the status of its kind; nothing here depends on
 * HTTP.
 */
public class Refusal extends RuntimeException {

  /** Why the request is refused; the boundary maps each to its status code. */
  public enum Kind {
    /** The request cannot be read (400). */
    MALFORMED,
    /** A field is missing or has a value that is not allowed (422). */
    INVALID,
    /** What the request names does not exist, or is not the caller's to see (404). */
    NOT_FOUND,
    /** The request contradicts what is stored: a taken uid, a reused key (409). */
    CONFLICT
  }

  private final Kind kind;
  private final String code;
  private final String title;
  private final String field;
  private final Location location;

  /** Where the field at fault is: the request body, the query string or the path. */
  public enum Location {
    BODY,
    QUERY,
    PATH
  }

  /**
   * @param code a short stable slug, e.g. {@code invalid-field}
   * @param title the kind of refusal in a few words
   * @param detail what is wrong with this request
   * @param field the field at fault, or null
   */
  public Refusal(Kind kind, String code, String title, String detail, String field) {
    this(kind, code, title, detail, field, Location.BODY);
  }

  /** As above, for a field that is a query or path parameter rather than a member of the body. */
  public Refusal(
      Kind kind, String code, String title, String detail, String field, Location location) {
    super(detail, null, false, false);
    this.kind = kind;
    this.code = code;
    this.title = title;
    this.field = field;
    this.location = location;
  }

  public static Refusal malformed(String detail) {
    return new Refusal(Kind.MALFORMED, "malformed-request", "Malformed request", detail, null);
  }

  public static Refusal invalidField(String field, String detail) {
    return new Refusal(Kind.INVALID, "invalid-field", "Invalid field", field + " " + detail, field);
  }

  /** A query parameter with a value that is not allowed (422). */
  public static Refusal invalidQuery(String parameter, String detail) {
    return new Refusal(
        Kind.INVALID,
        "invalid-field",
        "Invalid field",
        parameter + " " + detail,
        parameter,
        Location.QUERY);
  }

  public static Refusal notFound(String what, String id) {
    return new Refusal(
        Kind.NOT_FOUND, "not-found", "Not found", what + " '" + id + "' does not exist", null);
  }

  public static Refusal conflict(String field, String detail) {
    return new Refusal(Kind.CONFLICT, "conflict", "Conflict", detail, field);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public String field() {
    return field;
  }

  public Location location() {
    return location;
  }
}

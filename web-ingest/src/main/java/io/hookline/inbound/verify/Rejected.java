package io.hookline.inbound.verify;

/** Why an inbound request is refused; its kind is the audit action and decides the status. */
public class Rejected extends Exception {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    /** 401: no signature, or one that does not match. */
    BAD_SIGNATURE,
    /** 401: signed, but too long ago (or too far ahead) to rule out a replay. */
    STALE,
    /** 400: authentic or not, the request lacks what the source type needs. */
    MALFORMED
  }

  private final Kind kind;

  public Rejected(Kind kind, String reason) {
    super(reason, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

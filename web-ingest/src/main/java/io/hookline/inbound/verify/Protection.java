package io.hookline.inbound.verify;

/**
 * What a source type's check proves about a request, and so what a replay of a captured request
 * runs into. SECURITY.md describes each.
 */
public enum Protection {
  /**
   * The signature covers the body, the delivery id and a timestamp held to a tolerance: a replay is
   * refused as stale, or within the tolerance recognised by its (signed) delivery id.
   */
  SIGNED_TIMESTAMP,

  /**
   * The signature covers the body only: the delivery id beside it is not signed, so a captured
   * request sent again under a new id verifies.
   */
  SIGNED_BODY,

  /**
   * A shared secret sent as it is: it proves the sender holds the secret, nothing about the body or
   * the delivery id.
   */
  SHARED_SECRET,

  /** No secret at all: anyone who knows the ingest URL. */
  NONE;

  /**
   * Whether an identical body under a new delivery id must be recognised by its content ({@link
   * ReplayWindow}): only where the body is signed and the id is not. A shared secret travels with
   * every request, so whoever captured one can send any body; a window would protect nothing there
   * and would only turn away a provider's legitimate repeats.
   */
  public boolean needsContentWindow() {
    return this == SIGNED_BODY;
  }
}

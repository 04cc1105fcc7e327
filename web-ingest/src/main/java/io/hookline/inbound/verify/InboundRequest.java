package io.hookline.inbound.verify;

import java.util.Locale;
import java.util.Map;

/**
 * An ingest request as the verifiers see it: header names in lower case, the body byte for byte.
 */
public record InboundRequest(Map<String, String> headers, byte[] body) {

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The header, or a {@link Rejected} that names it. */
  public String requiredHeader(String name, Rejected.Kind kind) throws Rejected {
    String value = header(name);
    if (value == null || value.isBlank()) {
      throw new Rejected(kind, "missing " + name + " header");
    }
    return value.trim();
  }
}

package io.hookline.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * API bodies are read here first, at most {@code hookline.api.max-body-bytes} of them (413 above,
 * whether or not the client said how long it would be), and must be valid UTF-8 (400 otherwise):
 * the container would read any length, and would quietly replace broken bytes.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class RequestBodyLimit implements ContainerRequestFilter {
  @Inject
  @ConfigProperty(name = "hookline.api.max-body-bytes", defaultValue = "10485760")
  int maxBytes;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!request.hasEntity()) {
      return;
    }
    if (request.getLength() > maxBytes) {
      request.abortWith(tooLarge());
      return;
    }
    byte[] body;
    try (InputStream in = request.getEntityStream()) {
      body = in.readNBytes(maxBytes + 1);
    }
    if (body.length > maxBytes) {
      request.abortWith(tooLarge());
      return;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      request.abortWith(
          ProblemMapper.response(
              400, "malformed-request", "Malformed request", "body is not valid UTF-8", null));
      return;
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  private jakarta.ws.rs.core.Response tooLarge() {
    return ProblemMapper.response(
        413, "body-too-large", "Body too large", "body is over " + maxBytes + " bytes", null);
  }
}

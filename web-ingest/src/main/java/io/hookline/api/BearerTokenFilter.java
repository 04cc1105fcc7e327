package io.hookline.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every API call needs {@code Authorization: Bearer <token>}. With no admin token configured,
 * nothing gets in: there is no open default.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

  @Inject
  @ConfigProperty(name = "hookline.admin-token")
  Optional<String> adminToken;

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (!TokenCheck.matches(adminToken.orElse(null), TokenCheck.bearer(header))) {
      Response problem =
          ProblemMapper.response(
              401,
              "unauthorized",
              "Unauthorized",
              header == null
                  ? "send Authorization: Bearer <token>"
                  : "the bearer token is not valid",
              null);
      request.abortWith(
          Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
    }
  }
}

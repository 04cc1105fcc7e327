package io.hookline.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/health}, Svix's health call: 204 while the API answers, with no token. What
 * the node can do (database, broker, queues) is MicroProfile Health's, at {@code /health/ready}.
 */
@ApplicationScoped
@Tag(name = "Health", description = "Whether the API answers.")
@Path("v1/health")
public class ApiHealthResource {

  @Operation(
      summary = "Health",
      description = "204 while the API answers. Needs no token. Readiness is at /health/ready.")
  @APIResponse(responseCode = "204", description = "The API answers")
  @GET
  public Response get() {
    return Response.noContent().build();
  }

  @Operation(summary = "Health (HEAD)", description = "As GET: 204 while the API answers.")
  @APIResponse(responseCode = "204", description = "The API answers")
  @HEAD
  public Response head() {
    return Response.noContent().build();
  }
}

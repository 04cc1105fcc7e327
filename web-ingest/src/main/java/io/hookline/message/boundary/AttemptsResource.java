package io.hookline.message.boundary;

import io.hookline.api.SvixLists;
import io.hookline.message.control.Attempts;
import io.hookline.platform.ListPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Svix's attempt lists, the tries at delivering an app's messages: by message, or by endpoint (its
 * id or uid). Newest first, Svix-paged.
 */
@ApplicationScoped
@Tag(name = "MessageAttempt", description = "Attempts: every try at delivering a message.")
@Path("v1/app/{app_id}/attempt")
@Produces(MediaType.APPLICATION_JSON)
public class AttemptsResource {
  static final String PAGE =
      "{\"data\":["
          + MessagesResource.ATTEMPT_OUT
          + "],\"iterator\":\"bjQ3MTE\",\"prevIterator\":\"cDQ3MTE\",\"done\":true}";

  @Inject Attempts attempts;

  @Operation(
      summary = "List a message's attempts",
      description =
          "Every try at every endpoint, newest first; filters status (0 success, 2 fail),"
              + " event_types, endpoint_id, before and after. with_content=false leaves the"
              + " responses out.")
  @APIResponse(
      responseCode = "200",
      description = "A page of attempts",
      content =
          @Content(
              schema = @Schema(ref = "ListResponseMessageAttemptOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = PAGE)))
  @GET
  @Path("msg/{msg_id}")
  public JsonObject byMessage(
      @PathParam("app_id") String app,
      @PathParam("msg_id") String messageId,
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator,
      @QueryParam("status") String status,
      @QueryParam("event_types") List<String> eventTypes,
      @QueryParam("endpoint_id") String endpointId,
      @QueryParam("before") String before,
      @QueryParam("after") String after,
      @QueryParam("with_content") String withContent) {
    ListPage page = SvixLists.page(limit, iterator, null, ListPage.Order.DESCENDING);
    boolean content = SvixLists.flag("with_content", withContent, true);
    Attempts.Filter filter =
        filter(
            status,
            eventTypes,
            endpointId == null || endpointId.isEmpty() ? null : endpointId,
            before,
            after);
    return SvixLists.json(
        attempts.byMessage(app, messageId, page, filter),
        attempt -> MessageViews.attempt(attempt, content));
  }

  @Operation(
      summary = "List an endpoint's attempts",
      description =
          "Its tries, newest first; filters status (0 success, 2 fail), event_types, before and"
              + " after. with_content=false leaves the responses out.")
  @APIResponse(
      responseCode = "200",
      description = "A page of attempts",
      content =
          @Content(
              schema = @Schema(ref = "ListResponseMessageAttemptOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = PAGE)))
  @GET
  @Path("endpoint/{endpoint_id}")
  public JsonObject byEndpoint(
      @PathParam("app_id") String app,
      @PathParam("endpoint_id") String endpoint,
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator,
      @QueryParam("status") String status,
      @QueryParam("event_types") List<String> eventTypes,
      @QueryParam("before") String before,
      @QueryParam("after") String after,
      @QueryParam("with_content") String withContent) {
    ListPage page = SvixLists.page(limit, iterator, null, ListPage.Order.DESCENDING);
    boolean content = SvixLists.flag("with_content", withContent, true);
    return SvixLists.json(
        attempts.byEndpoint(app, endpoint, page, filter(status, eventTypes, null, before, after)),
        attempt -> MessageViews.attempt(attempt, content));
  }

  private static Attempts.Filter filter(
      String status, List<String> eventTypes, String endpointId, String before, String after) {
    return new Attempts.Filter(
        MessageViews.statusQuery(status),
        MessageViews.eventTypes(eventTypes),
        endpointId,
        MessageViews.instant("before", before),
        MessageViews.instant("after", after));
  }
}

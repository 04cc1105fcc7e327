package io.hookline.message.boundary;

import io.hookline.api.SvixLists;
import io.hookline.message.control.Attempts;
import io.hookline.platform.ListPage;
import io.hookline.platform.NameSets;
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
          "Every try at every endpoint, newest first. A try is listed once made, with its"
              + " outcome: status 0 success or 2 fail (1 pending, 3 sending and 4 canceled list"
              + " none: see GET .../msg/{msg_id}/endpoint for what is still to come); triggerType"
              + " 1 for a try asked for by a resend or a recovery. Filters status,"
              + " status_code_class (0 no answer, 100 to 500), event_types, channel, tag,"
              + " endpoint_id, before and after; with_content=false leaves the responses out.")
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
      @QueryParam("status_code_class") String statusCodeClass,
      @QueryParam("event_types") List<String> eventTypes,
      @QueryParam("channel") String channel,
      @QueryParam("tag") String tag,
      @QueryParam("endpoint_id") String endpointId,
      @QueryParam("before") String before,
      @QueryParam("after") String after,
      @QueryParam("with_content") String withContent,
      @QueryParam("expanded_statuses") String expandedStatuses) {
    ListPage page = SvixLists.page(limit, iterator, null, ListPage.Order.DESCENDING);
    boolean content = SvixLists.flag("with_content", withContent, true);
    expandedStatuses(expandedStatuses);
    Attempts.Filter filter =
        filter(
            status,
            statusCodeClass,
            eventTypes,
            endpointId == null || endpointId.isEmpty() ? null : endpointId,
            channel,
            tag,
            before,
            after);
    return SvixLists.json(
        attempts.byMessage(app, messageId, page, filter),
        attempt -> MessageViews.attempt(attempt, content, false));
  }

  @Operation(
      summary = "List an endpoint's attempts",
      description =
          "Its tries, newest first, as the message's list shows them; filters status,"
              + " status_code_class, event_types, channel, tag, before and after."
              + " with_content=false leaves the responses out; with_msg=true adds each attempt's"
              + " message as msg (without its payload).")
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
      @QueryParam("status_code_class") String statusCodeClass,
      @QueryParam("event_types") List<String> eventTypes,
      @QueryParam("channel") String channel,
      @QueryParam("tag") String tag,
      @QueryParam("before") String before,
      @QueryParam("after") String after,
      @QueryParam("with_content") String withContent,
      @QueryParam("with_msg") String withMsg,
      @QueryParam("expanded_statuses") String expandedStatuses) {
    ListPage page = SvixLists.page(limit, iterator, null, ListPage.Order.DESCENDING);
    boolean content = SvixLists.flag("with_content", withContent, true);
    boolean message = SvixLists.flag("with_msg", withMsg, false);
    expandedStatuses(expandedStatuses);
    return SvixLists.json(
        attempts.byEndpoint(
            app,
            endpoint,
            page,
            filter(status, statusCodeClass, eventTypes, null, channel, tag, before, after),
            message),
        attempt -> MessageViews.attempt(attempt, content, message));
  }

  /**
   * Svix's {@code expanded_statuses} (the SDKs send true): whether canceled attempts show as 4
   * rather than 0. Hookline cancels none, so it changes nothing; it is still checked.
   */
  private static void expandedStatuses(String value) {
    SvixLists.flag("expanded_statuses", value, false);
  }

  private static Attempts.Filter filter(
      String status,
      String statusCodeClass,
      List<String> eventTypes,
      String endpointId,
      String channel,
      String tag,
      String before,
      String after) {
    return new Attempts.Filter(
        MessageViews.statusQuery(status),
        MessageViews.statusCodeClassQuery(statusCodeClass),
        MessageViews.eventTypes(eventTypes),
        endpointId,
        MessageViews.name("channel", channel, NameSets.CHANNEL),
        MessageViews.name("tag", tag, NameSets.TAG),
        MessageViews.instant("before", before),
        MessageViews.instant("after", after));
  }
}

package io.hookline.portal.boundary;

import io.hookline.api.Paging;
import io.hookline.delivery.entity.DeliveryStatus;
import io.hookline.json.JsonFields;
import io.hookline.json.Jsons;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import io.hookline.portal.control.PortalReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The portal page's own reads under {@code /api/v1/app/{app_id}/portal}: the message log filtered
 * by its deliveries' status, and the endpoints' tries hour by hour. Hookline's, not Svix's; the
 * admin token, the app's token and its portal links (ViewBase) read them.
 */
@ApplicationScoped
@Tag(name = "Portal", description = "What the subscriber portal page reads beside the API.")
@Path("v1/app/{app_id}/portal")
@Produces(MediaType.APPLICATION_JSON)
public class PortalResource {
  static final Pattern EVENT_TYPE = Pattern.compile("[a-zA-Z0-9\\-_.]{1,256}");
  static final Pattern MESSAGE_ID = Pattern.compile("msg_[0-9A-Z]{26}");
  static final Pattern ENDPOINT_ID = Pattern.compile("ep_[0-9A-Z]{26}");

  /** The page's size: the portal shows 20 at a time. */
  static final int DEFAULT_LIMIT = 20;

  @Inject PortalReads reads;

  @Operation(
      summary = "The portal's message log",
      description =
          "The app's messages, newest first, each with where it went: up to 10 deliveries by"
              + " endpoint (status DELIVERED, PENDING or DEAD, and tries so far; the filtered"
              + " endpoint's first) and how many more (moreDestinations, counted up to 100;"
              + " moreDestinationsAtLeast when there may be more). Filters: event_type, status (a"
              + " delivery in that state), endpoint_id (a delivery to it), after and before"
              + " (RFC 3339). Paged with limit (1-250, default 20) and iterator (the answer's"
              + " iterator; null when done). A filter no index answers looks at up to 1,000"
              + " messages per request: a page it cuts short has cutShort true and an iterator to"
              + " go on from.")
  @APIResponse(
      responseCode = "200",
      description = "A page of the log",
      content =
          @Content(
              schema = @Schema(ref = "PortalLog"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"id\":\"msg_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"eventType\":\"invoice.paid\",\"eventId\":null,\"timestamp\":\"2026-11-23T10:00:00Z\",\"destinations\":[{\"endpointId\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"status\":\"DELIVERED\",\"attempts\":1}],\"moreDestinations\":0,\"moreDestinationsAtLeast\":false}],\"iterator\":null,\"done\":true,\"cutShort\":false}")))
  @GET
  @Path("msg")
  public JsonObject log(
      @PathParam("app_id") String app,
      @QueryParam("event_type") String eventType,
      @QueryParam("status") String status,
      @QueryParam("endpoint_id") String endpoint,
      @QueryParam("after") String after,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator) {
    DeliveryStatus state = null;
    if (blank(status) != null) {
      try {
        state = DeliveryStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        throw Refusal.invalidQuery("status", "must be DELIVERED, PENDING or DEAD");
      }
    }
    if (blank(eventType) != null && !EVENT_TYPE.matcher(eventType).matches()) {
      throw Refusal.invalidQuery("event_type", "is no event type name");
    }
    if (blank(iterator) != null && !MESSAGE_ID.matcher(iterator).matches()) {
      throw Refusal.invalidQuery("iterator", "is no iterator this list gave");
    }
    int size = DEFAULT_LIMIT;
    if (blank(limit) != null) {
      try {
        size = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        size = 0;
      }
      if (size < 1 || size > ListPage.MAX_LIMIT) {
        throw Refusal.invalidQuery(
            "limit", "must be a whole number from 1 to " + ListPage.MAX_LIMIT);
      }
    }
    PortalReads.LogPage page =
        reads.log(
            app,
            new PortalReads.LogFilter(
                blank(eventType),
                state,
                blank(endpoint),
                Paging.queryTime("after", blank(after)),
                Paging.queryTime("before", blank(before))),
            blank(iterator),
            size);
    JsonArrayBuilder data = Jsons.createArrayBuilder();
    for (PortalReads.LogLine line : page.lines()) {
      JsonArrayBuilder destinations = Jsons.createArrayBuilder();
      for (PortalReads.Destination d : line.destinations()) {
        destinations.add(
            Jsons.createObjectBuilder()
                .add("endpointId", d.endpointId())
                .add("status", d.status().name())
                .add("attempts", d.attempts()));
      }
      JsonObjectBuilder json =
          Jsons.createObjectBuilder().add("id", line.id()).add("eventType", line.eventType());
      JsonFields.addNullable(json, "eventId", line.eventId());
      data.add(
          json.add("timestamp", JsonFields.rfc3339(line.createdAt()))
              .add("destinations", destinations)
              .add("moreDestinations", line.more())
              .add("moreDestinationsAtLeast", line.moreAtLeast()));
    }
    JsonObjectBuilder json = Jsons.createObjectBuilder().add("data", data);
    JsonFields.addNullable(json, "iterator", page.next());
    return json.add("done", page.next() == null).add("cutShort", page.cutShort()).build();
  }

  @Operation(
      summary = "Endpoints' last 24 hours",
      description =
          "For each endpoint_id (repeated, up to 50 of the app's endpoint ids): its tries in each"
              + " of the last 24 hours (the current one last): how many, how many succeeded, their"
              + " average duration in ms. One call for all the endpoints a page shows.")
  @APIResponse(
      responseCode = "200",
      description = "24 hours per endpoint",
      content =
          @Content(
              schema = @Schema(ref = "EndpointHourly"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"endpointId\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"hours\":[{\"hour\":\"2026-11-23T10:00:00Z\",\"attempts\":12,\"succeeded\":11,\"avgLatencyMs\":85}]}]}")))
  @APIResponse(responseCode = "404", description = "An endpoint id that is not the app's")
  @GET
  @Path("hourly")
  public JsonObject hourly(
      @PathParam("app_id") String app, @QueryParam("endpoint_id") List<String> endpoints) {
    Set<String> ids = new LinkedHashSet<>();
    for (String value : endpoints == null ? List.<String>of() : endpoints) {
      for (String id : value.split(",")) {
        if (!id.isBlank()) {
          if (!ENDPOINT_ID.matcher(id.trim()).matches()) {
            throw Refusal.invalidQuery("endpoint_id", "'" + id + "' is no endpoint id");
          }
          ids.add(id.trim());
        }
      }
    }
    if (ids.isEmpty() || ids.size() > PortalReads.MAX_HOURLY_ENDPOINTS) {
      throw Refusal.invalidQuery(
          "endpoint_id", "must name 1 to " + PortalReads.MAX_HOURLY_ENDPOINTS + " endpoint ids");
    }
    JsonArrayBuilder data = Jsons.createArrayBuilder();
    for (var series : reads.hourly(app, List.copyOf(ids), 24).entrySet()) {
      JsonArrayBuilder hours = Jsons.createArrayBuilder();
      for (PortalReads.Hour hour : series.getValue()) {
        hours.add(
            Jsons.createObjectBuilder()
                .add("hour", JsonFields.rfc3339(hour.start()))
                .add("attempts", hour.attempts())
                .add("succeeded", hour.succeeded())
                .add("avgLatencyMs", hour.avgLatencyMs()));
      }
      data.add(Jsons.createObjectBuilder().add("endpointId", series.getKey()).add("hours", hours));
    }
    return Jsons.createObjectBuilder().add("data", data).build();
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}

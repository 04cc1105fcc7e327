package io.hookline.inbound.boundary;

import static io.hookline.json.JsonFields.addNullable;

import io.hookline.inbound.control.InboundEvents;
import io.hookline.inbound.entity.IngestAudit;
import io.hookline.json.JsonFields;
import io.hookline.json.Jsons;
import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/audit}: one row per ingest request, newest first. */
@ApplicationScoped
@Tag(name = "Audit", description = "What happened to every request at an ingest URL.")
@Path("v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  @Inject InboundEvents events;

  @Operation(
      summary = "Read the ingest audit log",
      description =
          "One row per ingest request, newest first: accepted, duplicate, conflict, bad_signature, stale, malformed, too_large, transform_failed or challenge. Filter by source, action and since; pass `next` as `before` for the following page.")
  @APIResponse(
      responseCode = "200",
      description = "Read the ingest audit log: done",
      content =
          @Content(
              schema = @Schema(ref = "ListAuditOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"id\":\"1042\",\"sourceId\":\"src_01JD2QC4\",\"action\":\"bad_signature\",\"providerId\":null,\"eventId\":null,\"remoteAddress\":\"203.0.113.7\",\"reason\":\"X-Hub-Signature-256 does not match\",\"timestamp\":\"2026-11-23T10:00:00Z\"}],\"next\":null}")))
  @GET
  public JsonObject list(
      @QueryParam("source") String source,
      @QueryParam("action") String action,
      @QueryParam("since") String since,
      @QueryParam("limit") Integer limit,
      @QueryParam("before") String before) {
    int size = io.hookline.api.Paging.size(limit);
    if (action != null) {
      try {
        IngestAudit.Action.valueOf(action.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw Refusal.invalidField(
            "action",
            "must be one of "
                + List.of(IngestAudit.Action.values()).toString().toLowerCase(Locale.ROOT));
      }
    }
    OffsetDateTime from = io.hookline.api.Paging.time("since", since);
    Long cursor = null;
    if (before != null) {
      try {
        cursor = Long.parseLong(before);
      } catch (NumberFormatException e) {
        throw Refusal.invalidField("before", "must be the next value of an earlier page");
      }
    }
    List<IngestAudit> page =
        events.audit(
            source,
            action == null ? null : action.toLowerCase(Locale.ROOT),
            from,
            cursor,
            size + 1);
    JsonArrayBuilder data = Jsons.createArrayBuilder();
    page.stream().limit(size).forEach(row -> data.add(view(row)));
    JsonObjectBuilder json = Jsons.createObjectBuilder().add("data", data);
    return addNullable(
            json, "next", page.size() > size ? String.valueOf(page.get(size - 1).getId()) : null)
        .build();
  }

  private static JsonObject view(IngestAudit row) {
    JsonObjectBuilder json =
        Jsons.createObjectBuilder()
            .add("id", String.valueOf(row.getId()))
            .add("sourceId", row.getSourceId())
            .add("action", row.getAction());
    addNullable(json, "providerId", row.getProviderId());
    addNullable(json, "eventId", row.getEventId());
    addNullable(json, "remoteAddress", row.getRemoteAddress());
    addNullable(json, "reason", row.getReason());
    if (row.getRawBody() != null) {
      addNullable(json, "rawBody", JsonFields.utf8OrNull(row.getRawBody()));
      json.add("rawBodyBase64", java.util.Base64.getEncoder().encodeToString(row.getRawBody()));
    }
    return json.add("timestamp", row.getCreatedAt().toString()).build();
  }
}

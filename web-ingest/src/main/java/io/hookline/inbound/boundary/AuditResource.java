package io.hookline.inbound.boundary;

import static io.hookline.json.JsonFields.addNullable;

import io.hookline.api.Paging;
import io.hookline.api.SvixLists;
import io.hookline.inbound.control.InboundEvents;
import io.hookline.inbound.entity.IngestAudit;
import io.hookline.json.JsonFields;
import io.hookline.json.Jsons;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/audit}: one row per ingest request, newest first, paged as Svix pages. */
@ApplicationScoped
@Tag(name = "Audit", description = "What happened to every request at an ingest URL.")
@Path("v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  @Inject InboundEvents events;

  @Operation(
      summary = "Read the ingest audit log",
      description =
          "One row per ingest request, newest first: accepted, duplicate, conflict, bad_signature, stale, malformed, too_large, transform_failed or challenge. Filter by source, action and since (RFC 3339); order=ascending for oldest first. Svix's list shape {data, iterator, prevIterator, done} with limit (1-250, default 50) and iterator.")
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
                          "{\"data\":[{\"id\":\"1042\",\"sourceId\":\"src_01JD2QC4\",\"action\":\"bad_signature\",\"providerId\":null,\"eventId\":null,\"remoteAddress\":\"203.0.113.7\",\"reason\":\"X-Hub-Signature-256 does not match\",\"timestamp\":\"2026-11-23T10:00:00Z\"}],\"iterator\":\"bjEwNDI\",\"prevIterator\":\"cDEwNDI\",\"done\":true}")))
  @GET
  public JsonObject list(
      @QueryParam("source") String source,
      @QueryParam("action") String action,
      @QueryParam("since") String since,
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator,
      @QueryParam("order") String order) {
    ListPage page = SvixLists.page(limit, iterator, order, ListPage.Order.DESCENDING);
    if (action != null && !action.isEmpty()) {
      try {
        IngestAudit.Action.valueOf(action.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw Refusal.invalidQuery(
            "action",
            "must be one of "
                + List.of(IngestAudit.Action.values()).toString().toLowerCase(Locale.ROOT));
      }
    }
    return SvixLists.json(
        events.audit(
            source == null || source.isEmpty() ? null : source,
            action == null || action.isEmpty() ? null : action.toLowerCase(Locale.ROOT),
            Paging.queryTime("since", since),
            page),
        AuditResource::view);
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
    return json.add("timestamp", JsonFields.rfc3339(row.getCreatedAt())).build();
  }
}

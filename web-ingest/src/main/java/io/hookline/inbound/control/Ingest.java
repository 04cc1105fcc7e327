package io.hookline.inbound.control;

import io.hookline.inbound.entity.InboundEvent;
import io.hookline.inbound.entity.IngestAudit;
import io.hookline.inbound.entity.IngestAudit.Action;
import io.hookline.inbound.transform.Transform;
import io.hookline.inbound.verify.Bodies;
import io.hookline.inbound.verify.InboundRequest;
import io.hookline.inbound.verify.Rejected;
import io.hookline.inbound.verify.ReplayWindow;
import io.hookline.inbound.verify.Verified;
import io.hookline.inbound.verify.Verifier;
import io.hookline.inbound.verify.Verifiers;
import io.hookline.json.Jsons;
import io.hookline.message.control.MessageIntake;
import io.hookline.message.entity.Message;
import io.hookline.platform.EventTypes;
import io.hookline.platform.Sha256;
import io.hookline.platform.Timestamps;
import io.hookline.source.control.Sources;
import io.hookline.source.entity.Source;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Tag;

/**
 * One provider request, start to end, in one transaction: the audit row always commits (a refused
 * request leaves its trail too); an accepted event commits with its forwarded message or not at
 * all, so after the provider hears 2xx the event is durable and, in forward mode, on its way.
 */
@ApplicationScoped
public class Ingest {
  /** Headers that carry credentials: never stored. */
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "x-gitlab-token");

  @PersistenceContext EntityManager em;
  @Inject Sources sources;
  @Inject MessageIntake intake;
  @Inject io.hookline.runtime.Metrics metrics;

  @Inject
  @ConfigProperty(name = "hookline.ingest.max-body-bytes", defaultValue = "1048576")
  int maxBodyBytes;

  /** See {@link ReplayWindow}; PT0S turns the content check off. */
  @Inject
  @ConfigProperty(name = "hookline.inbound.replay-window", defaultValue = "P7D")
  Duration replayWindowLength;

  private ReplayWindow replayWindow;

  @PostConstruct
  void readReplayWindow() {
    replayWindow = new ReplayWindow(replayWindowLength);
  }

  /**
   * What to answer the provider.
   *
   * @param problem when set, the answer is problem+json of this type; {@code body} then holds the
   *     detail under "detail"
   */
  public record Answer(int status, JsonObject body, String problem) {
    public static Answer ok(int status, JsonObject body) {
      return new Answer(status, body, null);
    }

    public static Answer problem(int status, String type, String detail) {
      return new Answer(status, Jsons.createObjectBuilder().add("detail", detail).build(), type);
    }
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * @param body null when the body was over {@link #maxBodyBytes()} and not read
   */
  @Transactional
  public Answer take(
      String sourceId,
      String contentType,
      Map<String, String> headers,
      byte[] body,
      String remoteAddress) {
    Source source = em.find(Source.class, sourceId);
    if (source == null) {
      return Answer.problem(404, "not-found", "source '" + sourceId + "' does not exist");
    }
    Trail trail = new Trail(source.getId(), remoteAddress);
    if (body == null) {
      return trail.refuse(
          Action.TOO_LARGE, 413, "body-too-large", "body is over " + maxBodyBytes + " bytes");
    }
    Verifier verifier = Verifiers.of(source.getType());
    if (!verifier.accepts(contentType)) {
      return trail.refuse(
          Action.MALFORMED,
          415,
          "unsupported-media-type",
          "content type "
              + (contentType == null ? "(none)" : contentType)
              + " is not what a "
              + source.getType()
              + " source takes (application/json)");
    }
    InboundRequest request = new InboundRequest(headers, body);
    JsonObject config = Sources.config(source);
    Verified verified;
    try {
      verified =
          verifier.verify(request, sources.secretOf(source), config, Timestamps.now().toInstant());
    } catch (Rejected rejected) {
      return switch (rejected.kind()) {
        case BAD_SIGNATURE ->
            trail.refuse(Action.BAD_SIGNATURE, 401, "bad-signature", rejected.getMessage());
        case STALE ->
            trail.refuse(Action.STALE, 401, "stale-timestamp", "stale: " + rejected.getMessage());
        case MALFORMED ->
            trail.refuse(Action.MALFORMED, 400, "malformed-event", rejected.getMessage());
      };
    }
    if (verified.challenge() != null) {
      trail.record(Action.CHALLENGE, null, null, "url_verification answered");
      return Answer.ok(
          200, Jsons.createObjectBuilder().add("challenge", verified.challenge()).build());
    }
    String hash = Sha256.hex(body);
    // Two copies of one delivery arriving at once: the second waits here, then sees the first.
    lockUntilCommit(source.getId() + "\n" + verified.providerId());
    InboundEvent earlier =
        em.createNamedQuery(InboundEvent.BY_PROVIDER_ID, InboundEvent.class)
            .setParameter("sourceId", source.getId())
            .setParameter("providerId", verified.providerId())
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (earlier != null && earlier.getBodySha256().equals(hash)) {
      trail.record(Action.DUPLICATE, verified.providerId(), earlier.getId(), null);
      return Answer.ok(
          200,
          Jsons.createObjectBuilder().add("id", earlier.getId()).add("duplicate", true).build());
    }
    if (earlier != null) {
      String why =
          "delivery id "
              + verified.providerId()
              + " was received before with a different body (sha256 "
              + earlier.getBodySha256()
              + ", now "
              + hash
              + ")";
      trail.record(Action.CONFLICT, verified.providerId(), earlier.getId(), why, body);
      return Answer.problem(409, "conflict", why);
    }
    OffsetDateTime now = Timestamps.now();
    if (replayWindow.appliesTo(verifier.protection(source.getSecretCiphertext() != null))) {
      InboundEvent replayed =
          sameBody(source.getId(), hash, EventTypes.of(null, verified.eventType()), now);
      if (replayed != null) {
        // Answered as a duplicate: the provider (or whoever replays) hears what a repeat hears,
        // and nothing is stored or forwarded again.
        trail.record(
            Action.REPLAY,
            verified.providerId(),
            replayed.getId(),
            "the same body as event "
                + replayed.getId()
                + " (delivery id "
                + replayed.getProviderId()
                + ") received at "
                + replayed.getReceivedAt()
                + "; the delivery id is not signed, so a new one does not make a new event");
        return Answer.ok(
            200,
            Jsons.createObjectBuilder().add("id", replayed.getId()).add("duplicate", true).build());
      }
    }
    InboundEvent event =
        new InboundEvent(
            source.getId(),
            verified.providerId(),
            hash,
            EventTypes.of(null, verified.eventType()),
            contentType,
            body,
            storedHeaders(headers, config),
            now);
    String transformError = shape(source, event);
    em.persist(event);
    if (transformError != null) {
      trail.record(Action.TRANSFORM_FAILED, verified.providerId(), event.getId(), transformError);
    } else {
      if (source.getMode() == Source.Mode.FORWARD) {
        forward(source, event);
      }
      trail.record(Action.ACCEPTED, verified.providerId(), event.getId(), null);
    }
    JsonObjectBuilder answer =
        Jsons.createObjectBuilder().add("id", event.getId()).add("eventType", event.getEventType());
    if (transformError != null) {
      answer.add("transformError", transformError);
    }
    return Answer.ok(202, answer.build());
  }

  /** Waits for, then holds until this transaction ends, the database's lock named by the key. */
  private void lockUntilCommit(String key) {
    em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?, 0))")
        .setParameter(1, key)
        .getSingleResult();
  }

  /**
   * The latest event of the source with this body and event type within the replay window, or null.
   * The type is part of it because providers name it in a header the signature does not cover, and
   * may send one body under two types (an order created and paid at once). Copies of one body
   * arriving at once serialise on the body's lock, so the second sees the first.
   */
  private InboundEvent sameBody(
      String sourceId, String hash, String eventType, OffsetDateTime now) {
    lockUntilCommit(ReplayWindow.key(sourceId, hash));
    return em.createNamedQuery(InboundEvent.BY_BODY_SINCE, InboundEvent.class)
        .setParameter("sourceId", sourceId)
        .setParameter("bodySha256", hash)
        .setParameter("eventType", eventType)
        .setParameter("since", replayWindow.since(now))
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  /** Forwards an event again, reshaped by the source's current rules. */
  @Transactional
  public Message replay(Source source, String eventId) throws Transform.Failure {
    InboundEvent event = em.find(InboundEvent.class, eventId);
    String error = shape(source, event);
    if (error != null) {
      throw new Transform.Failure(error);
    }
    return forward(source, event);
  }

  private Message forward(Source source, InboundEvent event) {
    Message message =
        intake.accept(
            source.getForwardAppId(),
            EventTypes.of(source.getForwardPrefix(), event.getEventType()),
            null,
            event.getPayload());
    event.forwardedAs(message.getId());
    return message;
  }

  /** Sets the event's payload from its body and the source's transform; the error, or null. */
  private static String shape(Source source, InboundEvent event) {
    JsonObject body;
    if (Bodies.isJson(event.getContentType())) {
      try {
        body = Bodies.object(event.getRawBody());
      } catch (Rejected notAnObject) {
        event.shaped(null, null, notAnObject.getMessage());
        return notAnObject.getMessage();
      }
    } else {
      body =
          Jsons.createObjectBuilder()
              .add("body", new String(event.getRawBody(), StandardCharsets.UTF_8))
              .build();
    }
    try {
      Transform transform = Sources.transform(source);
      if (transform == null) {
        event.shaped(body.toString(), null, null);
        return null;
      }
      Transform.Shaped shaped = transform.apply(body);
      event.shaped(
          shaped.payload().toString(),
          shaped.eventType() == null ? null : EventTypes.of(null, shaped.eventType()),
          null);
      return null;
    } catch (Transform.Failure failure) {
      String error = "transform: " + failure.getMessage();
      event.shaped(null, null, error);
      return error;
    }
  }

  private static String storedHeaders(Map<String, String> headers, JsonObject config) {
    String keyHeader = config.getString("header", "").toLowerCase(java.util.Locale.ROOT);
    JsonObjectBuilder json = Jsons.createObjectBuilder();
    headers.forEach(
        (name, value) -> {
          if (!SECRET_HEADERS.contains(name) && !name.equals(keyHeader)) {
            json.add(name, value);
          }
        });
    return json.build().toString();
  }

  /** Writes the request's audit row and counts it. */
  private final class Trail {
    private final String sourceId;
    private final String remoteAddress;

    Trail(String sourceId, String remoteAddress) {
      this.sourceId = sourceId;
      this.remoteAddress = remoteAddress;
    }

    void record(Action action, String providerId, String eventId, String reason) {
      record(action, providerId, eventId, reason, null);
    }

    void record(Action action, String providerId, String eventId, String reason, byte[] body) {
      em.persist(
          new IngestAudit(
                  sourceId, action, providerId, eventId, remoteAddress, reason, Timestamps.now())
              .withBody(body));
      metrics.count(
          "webhook_events_received",
          new Tag("source", sourceId),
          new Tag("status", action.name().toLowerCase(java.util.Locale.ROOT)));
    }

    Answer refuse(Action action, int status, String type, String reason) {
      record(action, null, null, reason);
      return Answer.problem(status, type, reason);
    }
  }
}

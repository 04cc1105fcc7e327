package io.hookline.endpoint.control;

import io.hookline.app.control.Apps;
import io.hookline.app.entity.App;
import io.hookline.delivery.service.DeliveryService;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.endpoint.entity.EndpointHealth;
import io.hookline.eventtype.entity.EventType;
import io.hookline.json.Jsons;
import io.hookline.message.entity.Message;
import io.hookline.platform.KeysetQuery;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import io.hookline.platform.Timestamps;
import io.hookline.platform.UniqueKeys;
import io.hookline.platform.Upsert;
import io.hookline.runtime.DeliveryTargets;
import io.hookline.runtime.EndpointSecrets;
import io.hookline.signature.WebhookSignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
@Transactional
public class Endpoints {
  /** The unique index on an app's endpoints' uids (deleted ones left out). */
  static final String UID_INDEX = "endpoint_app_uid_idx";

  @PersistenceContext EntityManager em;
  @Inject Apps apps;
  @Inject EndpointSecrets secrets;
  @Inject DeliveryTargets targets;
  @Inject DeliveryService deliveries;

  @Inject
  @ConfigProperty(name = "hookline.secrets.rotation-overlap", defaultValue = "PT24H")
  java.time.Duration rotationOverlap;

  /** Creates the endpoint, disabled from the start when {@code disabled}; one transaction. */
  public Endpoint create(String appRef, EndpointSpec spec, String secret, boolean disabled) {
    Endpoint endpoint = create(apps.find(appRef), spec, secret);
    setEnabled(endpoint, !disabled);
    return endpoint;
  }

  public Endpoint create(String appRef, EndpointSpec spec, String secret) {
    return create(apps.find(appRef), spec, secret);
  }

  private Endpoint create(App app, EndpointSpec spec, String secret) {
    validate(spec);
    if (spec.uid() != null && byUid(app.getId(), spec.uid()) != null) {
      throw uidTaken(spec.uid());
    }
    if (secret != null) {
      String secretProblem = WebhookSignature.problemWith(secret);
      if (secretProblem != null) {
        throw Refusal.invalidField("secret", secretProblem);
      }
    } else {
      secret = WebhookSignature.newSecret();
    }
    Endpoint endpoint =
        new Endpoint(
            app.getId(),
            spec.url(),
            spec.description(),
            spec.eventTypes(),
            secrets.seal(secret),
            secrets.keyId());
    endpoint.update(
        spec.url(), spec.description(), spec.eventTypes(), spec.headers(), spec.rateLimit());
    endpoint.setOrdered(spec.ordered());
    applySvixFields(endpoint, spec);
    em.persist(endpoint);
    // A race lost to another request taking the same uid in the app is a 409.
    flush(spec.uid());
    return endpoint;
  }

  /**
   * Svix's PUT, in one transaction: replaces the fields of the endpoint {@code endpointRef} names
   * with {@code spec} applied to it, and enables or disables it; when it names none and is not an
   * endpoint id, creates the endpoint ({@code spec} applied to null) with {@code endpointRef} as
   * its uid unless the spec gives one.
   */
  public Upsert.Outcome<Endpoint> upsert(
      String appRef, String endpointRef, Function<Endpoint, EndpointSpec> spec, boolean disabled) {
    App app = apps.find(appRef);
    Upsert.Outcome<Endpoint> outcome =
        Upsert.byPath(
            lookup(app, endpointRef),
            endpointRef,
            "ep_",
            "endpoint",
            current -> replace(current, spec.apply(current)),
            uid -> {
              EndpointSpec given = spec.apply(null);
              return create(app, given.uid() != null ? given : given.withUid(uid), null);
            });
    setEnabled(outcome.entity(), !disabled);
    return outcome;
  }

  /**
   * Svix's PATCH, in one transaction: the fields {@code spec} gives for the endpoint; {@code
   * disabled} when not null; and with {@code rotate}, a rotation to {@code secret} (or a generated
   * secret when it is null), the old one signing beside it for the default overlap.
   */
  public Endpoint patch(
      String appRef,
      String endpointRef,
      Function<Endpoint, EndpointSpec> spec,
      Boolean disabled,
      boolean rotate,
      String secret) {
    Endpoint endpoint = find(appRef, endpointRef);
    replace(endpoint, spec.apply(endpoint));
    if (disabled != null) {
      setEnabled(endpoint, !disabled);
    }
    if (rotate) {
      rotate(endpoint, secret, "secret", rotationOverlap);
    }
    return endpoint;
  }

  private static void applySvixFields(Endpoint endpoint, EndpointSpec spec) {
    endpoint.setUid(spec.uid());
    endpoint.setChannels(spec.channels());
    var metadata = Jsons.createObjectBuilder();
    spec.metadata().forEach(metadata::add);
    endpoint.setMetadata(metadata.build().toString());
  }

  /** Kept for callers that set no headers. */
  public Endpoint create(
      String appRef, String url, String description, List<String> eventTypes, String secret) {
    return create(
        appRef, new EndpointSpec(url, description, eventTypes, Map.of(), null, false), secret);
  }

  private Endpoint replace(Endpoint endpoint, EndpointSpec spec) {
    validate(spec);
    if (spec.uid() != null && !spec.uid().equals(endpoint.getUid())) {
      Endpoint holder = byUid(endpoint.getAppId(), spec.uid());
      if (holder != null && !holder.getId().equals(endpoint.getId())) {
        throw uidTaken(spec.uid());
      }
    }
    endpoint.update(
        spec.url(), spec.description(), spec.eventTypes(), spec.headers(), spec.rateLimit());
    if (spec.ordered() && !endpoint.isOrdered()) {
      numberPending(endpoint);
    }
    endpoint.setOrdered(spec.ordered());
    applySvixFields(endpoint, spec);
    endpoint.touch();
    // Two renames to the same uid racing: the one committing second is a 409, not a failed commit.
    flush(spec.uid());
    return endpoint;
  }

  private void flush(String uid) {
    UniqueKeys.flush(em, UID_INDEX, () -> uidTaken(uid));
  }

  /**
   * An endpoint becoming ordered: its pending deliveries take numbers first, oldest first, under
   * the endpoint's lock (which new deliveries take before they are numbered), so they go before
   * every message accepted after the switch.
   */
  private void numberPending(Endpoint endpoint) {
    em.createNativeQuery("select id from endpoint where id = ? for update")
        .setParameter(1, endpoint.getId())
        .getResultList();
    em.createNativeQuery(
            "update delivery d set seq = n.seq from (select id, nextval('delivery_seq') as seq"
                + " from (select id from delivery where endpoint_id = ? and status = 'PENDING'"
                + " and seq is null order by created_at, id) oldest) n where d.id = n.id")
        .setParameter(1, endpoint.getId())
        .executeUpdate();
  }

  private void setEnabled(Endpoint endpoint, boolean enabled) {
    if (enabled && !endpoint.isEnabled()) {
      endpoint.enable();
      endpoint.touch();
    } else if (!enabled && endpoint.isEnabled()) {
      endpoint.disable("disabled through the API at " + Timestamps.now());
      endpoint.touch();
    }
  }

  public void delete(String appRef, String endpointId) {
    Endpoint endpoint = find(appRef, endpointId);
    endpoint.delete(Timestamps.now());
    deliveries.forget(endpoint.getId());
  }

  /** One page of the app's endpoints (deleted ones left out) in id (creation) order. */
  public ListPage.Page<Endpoint> list(String appRef, ListPage page) {
    return KeysetQuery.of(em, Endpoint.class, "select e from Endpoint e")
        .where("e.appId = :appId", "appId", apps.find(appRef).getId())
        .where("e.deletedAt is null")
        .page(page, "e.id", Endpoint::getId);
  }

  /** The app's endpoint with this id or uid; 404 when there is none (or it is deleted). */
  public Endpoint find(String appRef, String endpointRef) {
    Endpoint endpoint = lookup(apps.find(appRef), endpointRef);
    if (endpoint == null) {
      throw Refusal.notFound("endpoint", endpointRef);
    }
    return endpoint;
  }

  private Endpoint lookup(App app, String endpointRef) {
    if (endpointRef.startsWith("ep_")) {
      Endpoint endpoint = em.find(Endpoint.class, endpointRef);
      if (endpoint != null && endpoint.getAppId().equals(app.getId()) && !endpoint.isDeleted()) {
        return endpoint;
      }
      return null;
    }
    return byUid(app.getId(), endpointRef);
  }

  private Endpoint byUid(String appId, String uid) {
    return em.createNamedQuery(Endpoint.BY_APP_UID, Endpoint.class)
        .setParameter("appId", appId)
        .setParameter("uid", uid)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  private static Refusal uidTaken(String uid) {
    return Refusal.conflict("uid", "an endpoint with uid '" + uid + "' already exists in the app");
  }

  /** Replaces the endpoint's custom headers. */
  public Endpoint setHeaders(String appRef, String endpointRef, Map<String, String> headers) {
    Endpoint endpoint = find(appRef, endpointRef);
    String problem = CustomHeaders.problemWith(headers);
    if (problem != null) {
      throw Refusal.invalidField("headers", problem);
    }
    endpoint.setHeaders(headers);
    endpoint.touch();
    return endpoint;
  }

  /**
   * Sets the headers given with a value and removes those given as null (and those named in {@code
   * remove}), leaving the others as they are.
   */
  public Endpoint patchHeaders(
      String appRef, String endpointRef, Map<String, String> changes, List<String> remove) {
    Endpoint endpoint = find(appRef, endpointRef);
    Map<String, String> headers = new java.util.LinkedHashMap<>(endpoint.getHeaders());
    changes.forEach(
        (name, value) -> {
          headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
          if (value != null) {
            headers.put(name, value);
          }
        });
    remove.forEach(name -> headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name)));
    String problem = CustomHeaders.problemWith(headers);
    if (problem != null) {
      throw Refusal.invalidField("headers", problem);
    }
    endpoint.setHeaders(headers);
    endpoint.touch();
    return endpoint;
  }

  /** Deliveries to the endpoint by state, as Svix's endpoint statistics count them. */
  public record Stats(long success, long pending, long sending, long fail) {}

  /**
   * The endpoint's deliveries created in [since, until) (either bound may be null) by state:
   * delivered, waiting for the first try of their round (a resend starts a new one), failed and
   * waiting for another, dead: as a message's destinations show them.
   */
  public Stats stats(
      String appRef,
      String endpointRef,
      java.time.OffsetDateTime since,
      java.time.OffsetDateTime until) {
    Endpoint endpoint = find(appRef, endpointRef);
    StringBuilder sql =
        new StringBuilder(
            "select count(*) filter (where status = 'DELIVERED'),"
                + " count(*) filter (where status = 'PENDING' and attempt_count = round_start),"
                + " count(*) filter (where status = 'PENDING' and attempt_count > round_start),"
                + " count(*) filter (where status = 'DEAD')"
                + " from delivery where endpoint_id = ?1");
    List<Object> bounds = new java.util.ArrayList<>();
    if (since != null) {
      bounds.add(since);
      sql.append(" and created_at >= ?").append(bounds.size() + 1);
    }
    if (until != null) {
      bounds.add(until);
      sql.append(" and created_at < ?").append(bounds.size() + 1);
    }
    var query = em.createNativeQuery(sql.toString()).setParameter(1, endpoint.getId());
    for (int i = 0; i < bounds.size(); i++) {
      query.setParameter(i + 2, bounds.get(i));
    }
    Object[] row = (Object[]) query.getSingleResult();
    return new Stats(
        ((Number) row[0]).longValue(),
        ((Number) row[1]).longValue(),
        ((Number) row[2]).longValue(),
        ((Number) row[3]).longValue());
  }

  /**
   * Sends the event type's example to this endpoint alone: a message of that type whose payload is
   * the example of the type's latest schema ({@code {}} when it has none; Svix's {@code svix.ping}
   * sends {@code {"success":true}}).
   */
  public Message sendExample(String appRef, String endpointRef, String eventType) {
    Endpoint endpoint = find(appRef, endpointRef);
    if (!endpoint.isEnabled()) {
      throw Refusal.conflict(
          "endpoint_id",
          "endpoint " + endpointRef + " is disabled (" + endpoint.getDisabledReason() + ")");
    }
    String payload;
    if (eventType.equals("svix.ping")) {
      payload = "{\"success\":true}";
    } else {
      EventType type = em.find(EventType.class, eventType);
      if (type == null || type.isArchived()) {
        throw Refusal.notFound("event type", eventType);
      }
      payload = ExamplePayload.of(type.getSchemas());
    }
    Message message = new Message(endpoint.getAppId(), eventType, null, payload);
    em.persist(message);
    em.flush();
    deliveries.resend(message, endpoint);
    return message;
  }

  /**
   * Replaces the signing secret with {@code secret} (or a generated one); the old one keeps signing
   * beside it for the overlap. Returns the new secret.
   */
  public String rotateSecret(String appRef, String endpointId, String secret) {
    return rotateSecret(appRef, endpointId, secret, rotationOverlap);
  }

  /** As above, the old secret signing for {@code overlap}. */
  public String rotateSecret(
      String appRef, String endpointId, String secret, java.time.Duration overlap) {
    return rotate(find(appRef, endpointId), secret, "key", overlap);
  }

  /** The rotation itself; a bad {@code secret} is a 422 naming {@code field}. */
  private String rotate(
      Endpoint endpoint, String secret, String field, java.time.Duration overlap) {
    if (secret == null) {
      secret = WebhookSignature.newSecret();
    } else {
      String problem = WebhookSignature.problemWith(secret);
      if (problem != null) {
        throw Refusal.invalidField(field, problem);
      }
    }
    endpoint.rotateSecret(secrets.seal(secret), secrets.keyId(), Timestamps.now().plus(overlap));
    endpoint.touch();
    return secret;
  }

  /** The endpoint's breaker and health figures; a new endpoint's are all zero. */
  public EndpointHealth health(String appRef, String endpointId) {
    Endpoint endpoint = find(appRef, endpointId);
    EndpointHealth health = em.find(EndpointHealth.class, endpoint.getId());
    return health != null ? health : new EndpointHealth(endpoint.getId());
  }

  public String secret(String appRef, String endpointId) {
    Endpoint endpoint = find(appRef, endpointId);
    return secrets.open(endpoint.getSecretCiphertext(), endpoint.getSecretKeyId());
  }

  private void validate(EndpointSpec spec) {
    String urlProblem = EndpointUrl.problemWith(spec.url());
    if (urlProblem == null) {
      urlProblem = targets.refusalToSave(spec.url());
    }
    if (urlProblem != null) {
      throw Refusal.invalidField("url", urlProblem);
    }
    String headersProblem = CustomHeaders.problemWith(spec.headers());
    if (headersProblem != null) {
      throw Refusal.invalidField("headers", headersProblem);
    }
  }
}

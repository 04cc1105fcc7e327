package io.hookline.endpoint.control;

import io.hookline.app.control.Apps;
import io.hookline.app.entity.App;
import io.hookline.delivery.entity.DeliveryAttempt;
import io.hookline.delivery.service.DeliveryService;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.endpoint.entity.EndpointHealth;
import io.hookline.platform.Refusal;
import io.hookline.platform.Timestamps;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
@Transactional
public class Endpoints {
  @PersistenceContext EntityManager em;
  @Inject Apps apps;
  @Inject EndpointSecrets secrets;
  @Inject DeliveryTargets targets;
  @Inject DeliveryService deliveries;

  @Inject
  @ConfigProperty(name = "hookline.secrets.rotation-overlap", defaultValue = "PT24H")
  java.time.Duration rotationOverlap;

  public Endpoint create(String appRef, EndpointSpec spec, String secret) {
    App app = apps.find(appRef);
    validate(spec);
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
    em.persist(endpoint);
    return endpoint;
  }

  /** Kept for callers that set no headers. */
  public Endpoint create(
      String appRef, String url, String description, List<String> eventTypes, String secret) {
    return create(
        appRef, new EndpointSpec(url, description, eventTypes, Map.of(), null, false), secret);
  }

  public Endpoint replace(String appRef, String endpointId, EndpointSpec spec) {
    Endpoint endpoint = find(appRef, endpointId);
    validate(spec);
    endpoint.update(
        spec.url(), spec.description(), spec.eventTypes(), spec.headers(), spec.rateLimit());
    if (spec.ordered() && !endpoint.isOrdered()) {
      numberPending(endpoint);
    }
    endpoint.setOrdered(spec.ordered());
    return endpoint;
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

  public Endpoint setEnabled(String appRef, String endpointId, boolean enabled) {
    Endpoint endpoint = find(appRef, endpointId);
    if (enabled) {
      endpoint.enable();
    } else if (endpoint.isEnabled()) {
      endpoint.disable("disabled through the API at " + Timestamps.now());
    }
    return endpoint;
  }

  public void delete(String appRef, String endpointId) {
    Endpoint endpoint = find(appRef, endpointId);
    endpoint.delete(Timestamps.now());
    deliveries.forget(endpoint.getId());
  }

  public List<Endpoint> list(String appRef) {
    App app = apps.find(appRef);
    return em.createNamedQuery(Endpoint.BY_APP, Endpoint.class)
        .setParameter("appId", app.getId())
        .getResultList();
  }

  public Endpoint find(String appRef, String endpointId) {
    Endpoint endpoint = apps.findOwned(appRef, Endpoint.class, endpointId, "endpoint");
    if (endpoint.isDeleted()) {
      throw Refusal.notFound("endpoint", endpointId);
    }
    return endpoint;
  }

  /**
   * Replaces the signing secret with {@code secret} (or a generated one); the old one keeps signing
   * beside it for the overlap. Returns the new secret.
   */
  public String rotateSecret(String appRef, String endpointId, String secret) {
    Endpoint endpoint = find(appRef, endpointId);
    if (secret == null) {
      secret = WebhookSignature.newSecret();
    } else {
      String problem = WebhookSignature.problemWith(secret);
      if (problem != null) {
        throw Refusal.invalidField("key", problem);
      }
    }
    endpoint.rotateSecret(
        secrets.seal(secret), secrets.keyId(), Timestamps.now().plus(rotationOverlap));
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

  /** Newest first, {@code limit} of them, older than the attempt id {@code before} if given. */
  public List<DeliveryAttempt> attempts(String appRef, String endpointId, Long before, int limit) {
    Endpoint endpoint = find(appRef, endpointId);
    return em.createNamedQuery(DeliveryAttempt.BY_ENDPOINT_BEFORE, DeliveryAttempt.class)
        .setParameter("endpointId", endpoint.getId())
        .setParameter("before", before == null ? Long.MAX_VALUE : before)
        .setMaxResults(limit)
        .getResultList();
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

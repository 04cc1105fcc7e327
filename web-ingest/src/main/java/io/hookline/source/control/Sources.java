package io.hookline.source.control;

import io.hookline.app.control.Apps;
import io.hookline.inbound.transform.Transform;
import io.hookline.inbound.verify.Verifier;
import io.hookline.inbound.verify.Verifiers;
import io.hookline.json.JsonFields;
import io.hookline.platform.KeysetQuery;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import io.hookline.runtime.EndpointSecrets;
import io.hookline.signature.WebhookSignature;
import io.hookline.source.entity.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

@ApplicationScoped
@Transactional
public class Sources {
  @PersistenceContext EntityManager em;
  @Inject Apps apps;
  @Inject EndpointSecrets secrets;

  /** A new source, and its secret when Hookline made it (shown this once). */
  public record Created(Source source, String generatedSecret) {}

  public Created create(SourceSpec spec) {
    Verifier verifier = verifier(spec.type());
    String secret = spec.secret();
    String generated = null;
    if (secret == null && spec.type().equals("standard-webhooks")) {
      secret = generated = WebhookSignature.newSecret();
    }
    if (spec.unauthenticated()) {
      if (verifier.needsSecret()) {
        throw Refusal.invalidField(
            "unauthenticated", "a " + spec.type() + " source cannot go without a secret");
      }
      if (secret != null) {
        throw Refusal.invalidField(
            "unauthenticated", "cannot be true for a source given a secret; leave one out");
      }
    } else if (secret == null) {
      // Secure by default: a source open to anyone who knows its URL is asked for by name.
      throw Refusal.invalidField(
          "secret",
          verifier.needsSecret()
              ? "is required for a " + spec.type() + " source"
              : "is required, or create the source with \"unauthenticated\": true to take"
                  + " requests from anyone who knows its URL");
    }
    Source source = new Source(spec.name(), spec.type());
    apply(source, spec, verifier);
    if (secret != null) {
      seal(source, verifier, secret);
    }
    em.persist(source);
    return new Created(source, generated);
  }

  /** One page of the sources, by id (creation order). */
  public ListPage.Page<Source> list(ListPage page) {
    return KeysetQuery.of(em, Source.class, "select s from Source s")
        .page(page, "s.id", Source::getId);
  }

  public Source find(String id) {
    Source source = em.find(Source.class, id);
    if (source == null) {
      throw Refusal.notFound("source", id);
    }
    return source;
  }

  public Source replace(String id, SourceSpec spec) {
    Source source = find(id);
    if (spec.type() != null && !spec.type().equals(source.getType())) {
      throw Refusal.invalidField(
          "type", "cannot change (" + source.getType() + "); create a new source instead");
    }
    Verifier verifier = verifier(source.getType());
    apply(source, spec, verifier);
    if (spec.secret() != null) {
      seal(source, verifier, spec.secret());
    }
    return source;
  }

  public void delete(String id) {
    em.remove(find(id));
  }

  /** Whether the source takes requests without any secret. */
  public static boolean unauthenticated(Source source) {
    return source.getSecretCiphertext() == null;
  }

  /** The source's secret in clear, for verifying; null when it has none. */
  public String secretOf(Source source) {
    return source.getSecretCiphertext() == null
        ? null
        : secrets.open(source.getSecretCiphertext(), source.getSecretKeyId());
  }

  public static JsonObject config(Source source) {
    return JsonFields.stored(source.getConfig());
  }

  /** The source's transform, or null; rules were checked when saved. */
  public static Transform transform(Source source) throws Transform.Failure {
    return source.getTransform() == null
        ? null
        : Transform.parse(JsonFields.stored(source.getTransform()));
  }

  private void apply(Source source, SourceSpec spec, Verifier verifier) {
    JsonObject config = spec.config() == null ? JsonObject.EMPTY_JSON_OBJECT : spec.config();
    String configProblem = verifier.problemWithConfig(config);
    if (configProblem != null) {
      throw new Refusal(
          Refusal.Kind.INVALID, "invalid-field", "Invalid field", configProblem, "config");
    }
    if (spec.transform() != null) {
      try {
        Transform.parse(spec.transform());
      } catch (Transform.Failure e) {
        throw Refusal.invalidField("transform", e.getMessage());
      }
    }
    String forwardApp = null;
    if (spec.mode() == Source.Mode.FORWARD) {
      if (spec.forwardApp() == null) {
        throw Refusal.invalidField("forward", "must name the app (forward.app) to forward to");
      }
      try {
        forwardApp = apps.find(spec.forwardApp()).getId();
      } catch (Refusal notFound) {
        throw Refusal.invalidField("forward", "app '" + spec.forwardApp() + "' does not exist");
      }
    }
    source.update(
        spec.name(),
        config.toString(),
        spec.mode(),
        forwardApp,
        spec.mode() == Source.Mode.FORWARD ? spec.forwardPrefix() : null,
        spec.transform() == null ? null : spec.transform().toString());
  }

  private void seal(Source source, Verifier verifier, String secret) {
    String problem = verifier.problemWithSecret(secret);
    if (problem != null) {
      throw Refusal.invalidField("secret", problem);
    }
    source.sealSecret(secrets.seal(secret), secrets.keyId());
  }

  private static Verifier verifier(String type) {
    Verifier verifier = type == null ? null : Verifiers.of(type);
    if (verifier == null) {
      throw Refusal.invalidField("type", "must be one of " + Verifiers.types());
    }
    return verifier;
  }
}

package io.hookline.app.control;

import io.hookline.app.entity.App;
import io.hookline.app.entity.AppOwned;
import io.hookline.json.Jsons;
import io.hookline.platform.KeysetQuery;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import io.hookline.platform.UniqueKeys;
import io.hookline.platform.Upsert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class Apps {
  /** The unique constraint on apps' uids. */
  static final String UID_INDEX = "app_uid_key";

  @PersistenceContext EntityManager em;

  /** Every field of an app but its id, as a create or a full update gives them. */
  public record Fields(
      String name, String uid, Map<String, String> metadata, Integer throttleRate) {
    public Fields {
      metadata = metadata == null ? Map.of() : metadata;
    }
  }

  /** What a partial update names: null leaves a member as it is; an empty Optional clears it. */
  public record Changes(
      String name,
      Optional<String> uid,
      Map<String, String> metadata,
      Optional<Integer> throttleRate) {}

  public App create(String name, String uid) {
    return create(new Fields(name, uid, Map.of(), null), false).entity();
  }

  /** Creates the app; a taken uid is a 409, or with {@code getIfExists} the app holding it. */
  public Upsert.Outcome<App> create(Fields fields, boolean getIfExists) {
    if (fields.uid() != null) {
      App existing = findByUid(fields.uid());
      if (existing != null) {
        if (getIfExists) {
          return new Upsert.Outcome<>(existing, false);
        }
        throw uidTaken(fields.uid());
      }
    }
    App app = new App(fields.name(), fields.uid());
    apply(app, fields);
    em.persist(app);
    // A race lost to another request taking the same uid is a 409.
    flush(fields.uid());
    return new Upsert.Outcome<>(app, true);
  }

  /**
   * Replaces the app's fields, its uid only when {@code keepUid} is false; creates it (as Svix
   * does) when {@code idOrUid} is a uid that names none, with {@code idOrUid} as its uid unless the
   * fields give one. An app id that names none is a 404.
   */
  public Upsert.Outcome<App> update(String idOrUid, Fields fields, boolean keepUid) {
    return Upsert.byPath(
        lookup(idOrUid),
        idOrUid,
        "app_",
        "app",
        app -> {
          String uid = keepUid ? app.getUid() : fields.uid();
          checkUidFree(app, uid);
          app.setName(fields.name());
          app.setUid(uid);
          apply(app, fields);
          app.touch();
          flush(uid);
          return app;
        },
        uid ->
            create(
                    new Fields(
                        fields.name(),
                        fields.uid() != null ? fields.uid() : uid,
                        fields.metadata(),
                        fields.throttleRate()),
                    false)
                .entity());
  }

  public App patch(String idOrUid, Changes changes) {
    App app = find(idOrUid);
    if (changes.name() != null) {
      app.setName(changes.name());
    }
    if (changes.uid() != null) {
      checkUidFree(app, changes.uid().orElse(null));
      app.setUid(changes.uid().orElse(null));
      flush(changes.uid().orElse(null));
    }
    if (changes.metadata() != null) {
      app.setMetadata(metadataJson(changes.metadata()));
    }
    if (changes.throttleRate() != null) {
      app.setThrottleRate(changes.throttleRate().orElse(null));
    }
    app.touch();
    return app;
  }

  /**
   * Deletes the app with its tokens. An app that still has endpoints or messages, or that an
   * inbound source forwards to, is kept: a 409 says so, and nothing accepted is lost.
   */
  public void delete(String idOrUid) {
    App app = find(idOrUid);
    // Locked first: an endpoint or message being created for the app holds a key-share lock on
    // its row, so the counts below see it, or it waits and then fails on the missing app.
    em.lock(app, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    long holding =
        ((Number)
                em.createNativeQuery(
                        "select (select count(*) from endpoint where app_id = ?1)"
                            + " + (select count(*) from message where app_id = ?1)"
                            + " + (select count(*) from source where forward_app_id = ?1)")
                    .setParameter(1, app.getId())
                    .getSingleResult())
            .longValue();
    if (holding > 0) {
      throw Refusal.conflict(
          "app_id",
          "the app still has endpoints or messages, or an inbound source forwards to it;"
              + " remove those first");
    }
    em.createNativeQuery("delete from message_claim where app_id = ?")
        .setParameter(1, app.getId())
        .executeUpdate();
    em.remove(app);
    em.flush();
  }

  /** One page of the apps in id (creation) order. */
  public ListPage.Page<App> list(ListPage page) {
    return KeysetQuery.of(em, App.class, "select a from App a").page(page, "a.id", App::getId);
  }

  private void apply(App app, Fields fields) {
    app.setMetadata(metadataJson(fields.metadata()));
    app.setThrottleRate(fields.throttleRate());
  }

  private void checkUidFree(App app, String uid) {
    if (uid != null && !uid.equals(app.getUid())) {
      App holder = findByUid(uid);
      if (holder != null && !holder.getId().equals(app.getId())) {
        throw uidTaken(uid);
      }
    }
  }

  private void flush(String uid) {
    UniqueKeys.flush(em, UID_INDEX, () -> uidTaken(uid));
  }

  private static Refusal uidTaken(String uid) {
    return Refusal.conflict("uid", "an app with uid '" + uid + "' already exists");
  }

  private static String metadataJson(Map<String, String> metadata) {
    var json = Jsons.createObjectBuilder();
    metadata.forEach(json::add);
    return json.build().toString();
  }

  public List<App> list() {
    return em.createNamedQuery(App.ALL, App.class).getResultList();
  }

  /**
   * Finds an app by its id ({@code app_...}) or by its uid; 404 when neither names one. The 404
   * leaves the caller's transaction alone: a group of sends goes on without the one it refuses.
   */
  @Transactional(dontRollbackOn = Refusal.class)
  public App find(String idOrUid) {
    App app = lookup(idOrUid);
    if (app == null) {
      throw Refusal.notFound("app", idOrUid);
    }
    return app;
  }

  private App lookup(String idOrUid) {
    App app = idOrUid.startsWith("app_") ? em.find(App.class, idOrUid) : null;
    return app != null ? app : findByUid(idOrUid);
  }

  /** An entity of the app named by {@code appRef}; 404 for a missing id and for another app's. */
  public <T extends AppOwned> T findOwned(String appRef, Class<T> type, String id, String what) {
    App app = find(appRef);
    T entity = em.find(type, id);
    if (entity == null || !entity.getAppId().equals(app.getId())) {
      throw Refusal.notFound(what, id);
    }
    return entity;
  }

  private App findByUid(String uid) {
    return em.createNamedQuery(App.BY_UID, App.class)
        .setParameter("uid", uid)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }
}

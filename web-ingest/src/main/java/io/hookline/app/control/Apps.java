package io.hookline.app.control;

import io.hookline.app.entity.App;
import io.hookline.app.entity.AppOwned;
import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.List;

@ApplicationScoped
@Transactional
public class Apps {
  @PersistenceContext EntityManager em;

  public App create(String name, String uid) {
    if (uid != null && findByUid(uid) != null) {
      throw Refusal.conflict("uid", "an app with uid '" + uid + "' already exists");
    }
    App app = new App(name, uid);
    em.persist(app);
    try {
      em.flush();
    } catch (PersistenceException e) {
      // Lost a race with another request creating the same uid.
      throw Refusal.conflict("uid", "an app with uid '" + uid + "' already exists");
    }
    return app;
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
    App app = idOrUid.startsWith("app_") ? em.find(App.class, idOrUid) : null;
    if (app == null) {
      app = findByUid(idOrUid);
    }
    if (app == null) {
      throw Refusal.notFound("app", idOrUid);
    }
    return app;
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

package io.hookline.eventtype.control;

import io.hookline.eventtype.entity.EventType;
import io.hookline.platform.KeysetQuery;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The event-type catalogue: global, as in Svix. Deleting archives; creating an archived name again
 * unarchives it with the new fields; a live name is a conflict (409).
 */
@ApplicationScoped
@Transactional
public class EventTypeCatalogue {
  @PersistenceContext EntityManager em;

  /** Every field of an event type but its name, as a create or a full update gives them. */
  public record Fields(
      String description,
      JsonObject schemas,
      boolean archived,
      boolean deprecated,
      List<String> featureFlags,
      String groupName) {}

  /** What a partial update names: null leaves a member as it is; an empty Optional clears it. */
  public record Changes(
      String description,
      Boolean archived,
      Boolean deprecated,
      Optional<JsonObject> schemas,
      Optional<List<String>> featureFlags,
      Optional<String> groupName) {}

  /** Creates the event type, or unarchives an archived one with these fields; 409 if it is live. */
  public EventType create(String name, Fields fields) {
    EventType existing = em.find(EventType.class, name);
    if (existing != null && !existing.isArchived()) {
      throw Refusal.conflict("name", "an event type named '" + name + "' already exists");
    }
    EventType type = existing != null ? existing : new EventType(name);
    apply(type, fields, existing != null);
    if (existing == null) {
      persist(type);
    }
    return type;
  }

  /** The event type, archived or not; 404 when there is none of that name. */
  public EventType get(String name) {
    EventType type = em.find(EventType.class, name);
    if (type == null) {
      throw Refusal.notFound("event type", name);
    }
    return type;
  }

  /** The outcome of a full update: the event type, and whether it was made by it. */
  public record Updated(EventType type, boolean created) {}

  /** Replaces the event type's fields, creating it when there is none of that name (as Svix). */
  public Updated update(String name, Fields fields) {
    EventType existing = em.find(EventType.class, name);
    EventType type = existing != null ? existing : new EventType(name);
    apply(type, fields, existing != null);
    if (existing == null) {
      persist(type);
    }
    return new Updated(type, existing == null);
  }

  public EventType patch(String name, Changes changes) {
    EventType type = get(name);
    if (changes.description() != null) {
      type.setDescription(changes.description());
    }
    if (changes.archived() != null) {
      type.setArchived(changes.archived());
    }
    if (changes.deprecated() != null) {
      type.setDeprecated(changes.deprecated());
    }
    if (changes.schemas() != null) {
      type.setSchemas(checked(changes.schemas().orElse(null)));
    }
    if (changes.featureFlags() != null) {
      type.setFeatureFlags(changes.featureFlags().orElse(List.of()));
    }
    if (changes.groupName() != null) {
      type.setGroupName(changes.groupName().orElse(null));
    }
    type.touch();
    return type;
  }

  /** Archives the event type, or with {@code expunge} removes it; 404 when there is none. */
  public void delete(String name, boolean expunge) {
    EventType type = get(name);
    if (expunge) {
      em.remove(type);
    } else if (!type.isArchived()) {
      type.setArchived(true);
      type.touch();
    }
  }

  /** One page of the catalogue in name order; archived event types only when asked for. */
  public ListPage.Page<EventType> list(ListPage page, boolean includeArchived) {
    KeysetQuery<EventType> query = KeysetQuery.of(em, EventType.class, "select e from EventType e");
    if (!includeArchived) {
      query.where("e.archived = false");
    }
    return query.page(page, "e.name", EventType::getName);
  }

  /** Sets every field; a stored event type is marked changed, a new one keeps createdAt. */
  private void apply(EventType type, Fields fields, boolean stored) {
    type.setDescription(fields.description());
    type.setSchemas(checked(fields.schemas()));
    type.setArchived(fields.archived());
    type.setDeprecated(fields.deprecated());
    type.setFeatureFlags(fields.featureFlags());
    type.setGroupName(fields.groupName());
    if (stored) {
      type.touch();
    }
  }

  private static String checked(JsonObject schemas) {
    if (schemas == null) {
      return null;
    }
    SchemaCheck.schemas(schemas);
    return schemas.toString();
  }

  private void persist(EventType type) {
    em.persist(type);
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (!uniqueViolation(e)) {
        throw e;
      }
      // Lost a race with another request creating the same name.
      throw Refusal.conflict("name", "an event type named '" + type.getName() + "' already exists");
    }
  }

  /** Whether PostgreSQL refused the row as a duplicate key (SQLState 23505). */
  private static boolean uniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}

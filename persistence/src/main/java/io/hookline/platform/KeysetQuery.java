package io.hookline.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One page of a JPQL query, cut as {@link ListPage} cuts pages: a select, the conditions that
 * filter it (joined with and, each binding its own parameters), then the page's bound and order on
 * a unique key, fetching one row more than the page. Every list of the API is built on it, so each
 * pages the same way.
 *
 * @param <R> what a row of the select is (an entity, or {@code Object[]} for several)
 */
public final class KeysetQuery<R> {
  /** A numeric key's value for its bound's text; a text that is no number is a 422. */
  public static final Function<String, Object> NUMBER =
      text -> {
        try {
          return Long.valueOf(text);
        } catch (NumberFormatException e) {
          throw Refusal.invalidQuery(
              "iterator",
              "is not an iterator this list gave out; leave it out to start from the top");
        }
      };

  private final EntityManager em;
  private final Class<R> type;
  private final String select;
  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  private KeysetQuery(EntityManager em, Class<R> type, String select) {
    this.em = em;
    this.type = type;
    this.select = select;
  }

  /** A query of {@code select} (e.g. {@code select m from Message m}) with rows of this type. */
  public static <R> KeysetQuery<R> of(EntityManager em, Class<R> type, String select) {
    return new KeysetQuery<>(em, type, select);
  }

  /**
   * Adds a condition and binds its parameters, given as name, value pairs: {@code where("m.appId =
   * :appId", "appId", id)}.
   */
  public KeysetQuery<R> where(String condition, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("parameters come as name, value pairs");
    }
    conditions.add(condition);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return this;
  }

  /**
   * Adds the condition, whose one parameter {@code name} is {@code value}, only when the value is
   * given: not null, and not an empty collection. A filter left out of a request keeps every row.
   */
  public KeysetQuery<R> whereGiven(String condition, String name, Object value) {
    if (value == null || (value instanceof Collection<?> values && values.isEmpty())) {
      return this;
    }
    return where(condition, name, value);
  }

  /** The page of rows whose key, at {@code keyPath}, is a text (an id, a name). */
  public ListPage.Page<R> page(ListPage page, String keyPath, Function<R, String> key) {
    return page(page, keyPath, bound -> bound, row -> row, key);
  }

  /**
   * The page, each row made an item.
   *
   * @param boundValue the key's value in the query for a bound's text, e.g. {@link #NUMBER}; it
   *     throws a {@link Refusal} for a text that cannot be one
   * @param item what a row stands for in the list
   * @param key an item's key as text, the inverse of {@code boundValue}
   */
  public <T> ListPage.Page<T> page(
      ListPage page,
      String keyPath,
      Function<String, Object> boundValue,
      Function<R, T> item,
      Function<T, String> key) {
    TypedQuery<R> query = em.createQuery(jpql(page, keyPath), type);
    parameters.forEach(query::setParameter);
    if (page.bound() != null) {
      query.setParameter(ListPage.BOUND, boundValue.apply(page.bound()));
    }
    List<T> rows =
        query.setMaxResults(page.fetchSize()).getResultList().stream().map(item).toList();
    return page.page(rows, key);
  }

  /** The JPQL for the page: the select, its conditions and the page's bound, in its order. */
  String jpql(ListPage page, String keyPath) {
    List<String> all = new ArrayList<>(conditions);
    String bound = page.condition(keyPath);
    if (bound != null) {
      all.add(bound);
    }
    return select
        + (all.isEmpty() ? "" : " where " + String.join(" and ", all))
        + page.orderBy(keyPath);
  }
}

package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query a page is read with, seen through an EntityManager that records what it is asked. */
class KeysetQueryTest {
  /** What the query was given, and the rows it answers. */
  static final class Recorded {
    String jpql;
    final Map<String, Object> parameters = new LinkedHashMap<>();
    int maxResults = -1;
    List<?> rows = List.of();
  }

  @Test
  void theFirstPageHasTheConditionsGivenAndNoBound() {
    Recorded recorded = new Recorded();
    recorded.rows = List.of("a", "b", "c");
    ListPage.Page<String> page =
        KeysetQuery.of(manager(recorded), String.class, "select e.name from E e")
            .where("e.appId = :appId", "appId", "app_1")
            .whereGiven("e.type = :type", "type", null)
            .whereGiven("e.type in :types", "types", List.of())
            .whereGiven("e.tag = :tag", "tag", "blue")
            .page(ListPage.of(2, null, null, ListPage.Order.ASCENDING), "e.name", s -> s);
    assertEquals(
        "select e.name from E e where e.appId = :appId and e.tag = :tag order by e.name asc",
        recorded.jpql);
    assertEquals(Map.of("appId", "app_1", "tag", "blue"), recorded.parameters);
    assertEquals(3, recorded.maxResults, "one row more than the page, to know if it goes on");
    assertEquals(List.of("a", "b"), page.data());
    assertFalse(page.done());
  }

  @Test
  void aLaterPageIsBoundOnItsKeyInTheListsOrder() {
    Recorded recorded = new Recorded();
    recorded.rows = List.of("m", "l");
    ListPage first = ListPage.of(5, null, null, ListPage.Order.DESCENDING);
    String iterator = first.page(List.of("p", "n"), s -> s).iterator();
    ListPage.Page<String> page =
        KeysetQuery.of(manager(recorded), String.class, "select e.name from E e")
            .page(ListPage.of(5, iterator, null, ListPage.Order.DESCENDING), "e.name", s -> s);
    assertEquals(
        "select e.name from E e where e.name < :bound order by e.name desc", recorded.jpql);
    assertEquals(Map.of(ListPage.BOUND, "n"), recorded.parameters);
    assertEquals(List.of("m", "l"), page.data());
    assertTrue(page.done());
  }

  @Test
  void aNumericKeyIsBoundAsANumberAndRowsBecomeItems() {
    Recorded recorded = new Recorded();
    recorded.rows = List.<Object>of(new Object[] {12L, "x"}, new Object[] {11L, "y"});
    String iterator =
        ListPage.of(2, null, null, ListPage.Order.DESCENDING)
            .page(List.of("14", "13"), s -> s)
            .iterator();
    ListPage.Page<String> page =
        KeysetQuery.of(manager(recorded), Object[].class, "select a.id, a.name from A a")
            .page(
                ListPage.of(2, iterator, null, ListPage.Order.DESCENDING),
                "a.id",
                KeysetQuery.NUMBER,
                row -> row[0] + ":" + row[1],
                item -> item.substring(0, item.indexOf(':')));
    assertEquals(13L, recorded.parameters.get(ListPage.BOUND));
    assertEquals(List.of("12:x", "11:y"), page.data());
    assertEquals(
        ListPage.of(2, page.iterator(), null, ListPage.Order.DESCENDING).bound(),
        "11",
        "the next page starts after the last item's key");
  }

  @Test
  void aNumericListRefusesAnIteratorThatIsNoNumber() {
    ListPage page =
        ListPage.of(
            2,
            ListPage.of(2, null, null, ListPage.Order.ASCENDING)
                .page(List.of("evt_1"), s -> s)
                .iterator(),
            null,
            ListPage.Order.ASCENDING);
    Refusal refused =
        assertThrows(
            Refusal.class,
            () ->
                KeysetQuery.of(manager(new Recorded()), Object[].class, "select a from A a")
                    .page(page, "a.id", KeysetQuery.NUMBER, row -> row, row -> ""));
    assertEquals("iterator", refused.field());
    assertEquals(Refusal.Location.QUERY, refused.location());
  }

  /** An EntityManager whose createQuery records into {@code recorded}. */
  private static EntityManager manager(Recorded recorded) {
    TypedQuery<?> query =
        (TypedQuery<?>)
            Proxy.newProxyInstance(
                KeysetQueryTest.class.getClassLoader(),
                new Class<?>[] {TypedQuery.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "setParameter" -> {
                        recorded.parameters.put((String) args[0], args[1]);
                        yield proxy;
                      }
                      case "setMaxResults" -> {
                        recorded.maxResults = (Integer) args[0];
                        yield proxy;
                      }
                      case "getResultList" ->
                          new ArrayList<>(
                              recorded.rows.subList(
                                  0, Math.min(recorded.rows.size(), recorded.maxResults)));
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    return (EntityManager)
        Proxy.newProxyInstance(
            KeysetQueryTest.class.getClassLoader(),
            new Class<?>[] {EntityManager.class},
            (proxy, method, args) -> {
              if (method.getName().equals("createQuery")
                  && args.length == 2
                  && args[0] instanceof String jpql) {
                recorded.jpql = jpql;
                return query;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}

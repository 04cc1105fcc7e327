package io.hookline.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One page of a list as Svix pages it: {@code limit}, an opaque {@code iterator} and an {@code
 * order}. Pages are cut on a unique key (an id, a name), never by offset: a page starts strictly
 * after the key its iterator carries, so a list that grows or shrinks during a walk neither repeats
 * nor skips an item that was there when the walk began.
 *
 * <p>An iterator is base64url of one letter and a key: {@code n} (the page after that key, in the
 * list's order) or {@code p} (the page before it). A control class asks for {@link #fetchSize()}
 * rows matching {@link #condition(String)} sorted by {@link #orderBy(String)}, and hands them to
 * {@link #page(List, Function)}.
 */
public final class ListPage {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 250;

  /** The query parameter name the bound key is set on. */
  public static final String BOUND = "bound";

  private static final int MAX_KEY = 512;
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]+");

  /** The order of a list, as Svix's {@code order} parameter names it. */
  public enum Order {
    ASCENDING,
    DESCENDING
  }

  /** A page: its items in the list's order and where the next and previous pages start. */
  public record Page<T>(List<T> data, String iterator, String prevIterator, boolean done) {}

  private final int limit;
  private final Order order;
  private final String bound;
  private final boolean backwards;

  private ListPage(int limit, Order order, String bound, boolean backwards) {
    this.limit = limit;
    this.order = order;
    this.bound = bound;
    this.backwards = backwards;
  }

  /**
   * The page the query parameters ask for; a {@link Refusal} naming the parameter (422) when one is
   * out of range or not an iterator this class made.
   *
   * @param limit {@code limit}, or null for 50; 1 to 250
   * @param iterator {@code iterator}, or null for the first page
   * @param order {@code order} ({@code ascending} or {@code descending}), or null for the default
   * @param defaultOrder the order of this resource when none is asked for
   */
  public static ListPage of(Integer limit, String iterator, String order, Order defaultOrder) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw Refusal.invalidQuery("limit", "must be between 1 and " + MAX_LIMIT);
    }
    Order sort = defaultOrder;
    if (order != null && !order.isEmpty()) {
      sort =
          switch (order) {
            case "ascending" -> Order.ASCENDING;
            case "descending" -> Order.DESCENDING;
            default -> throw Refusal.invalidQuery("order", "must be ascending or descending");
          };
    }
    if (iterator == null || iterator.isEmpty()) {
      return new ListPage(size, sort, null, false);
    }
    String decoded = decode(iterator);
    if (decoded == null
        || decoded.length() < 2
        || decoded.length() > MAX_KEY + 1
        || (decoded.charAt(0) != 'n' && decoded.charAt(0) != 'p')
        || !KEY.matcher(decoded).matches()) {
      throw Refusal.invalidQuery(
          "iterator", "is not an iterator this list gave out; leave it out to start from the top");
    }
    return new ListPage(size, sort, decoded.substring(1), decoded.charAt(0) == 'p');
  }

  /** The first page of a list in this order, with the default size. */
  public static ListPage first(Order order) {
    return new ListPage(DEFAULT_LIMIT, order, null, false);
  }

  public int limit() {
    return limit;
  }

  public Order order() {
    return order;
  }

  /** How many rows to fetch: one more than the page, to learn whether the list goes on. */
  public int fetchSize() {
    return limit + 1;
  }

  /** The key the page starts after (or ends before), or null for the first page. */
  public String bound() {
    return bound;
  }

  /**
   * The JPQL condition on the key path, e.g. {@code e.name > :bound}, or null when there is no
   * bound. Bind {@link #bound()} to the parameter {@link #BOUND}.
   */
  public String condition(String keyPath) {
    if (bound == null) {
      return null;
    }
    return keyPath + (ascendingQuery() ? " > :" : " < :") + BOUND;
  }

  /** The JPQL order clause on the key path, e.g. {@code order by e.name asc}. */
  public String orderBy(String keyPath) {
    return " order by " + keyPath + (ascendingQuery() ? " asc" : " desc");
  }

  /**
   * The page made of the rows fetched with {@link #condition}, {@link #orderBy} and {@link
   * #fetchSize()}, in the list's order.
   */
  public <T> Page<T> page(List<T> fetched, Function<T, String> key) {
    boolean more = fetched.size() > limit;
    List<T> rows = new ArrayList<>(more ? fetched.subList(0, limit) : fetched);
    if (backwards) {
      Collections.reverse(rows);
    }
    if (rows.isEmpty()) {
      // Going on from here: after the bound (a list that grows later shows its new items), or,
      // when nothing is before the bound, from the top.
      String next = bound == null || backwards ? null : encode('n', bound);
      String prev = bound == null || backwards ? null : encode('p', bound);
      return new Page<>(List.of(), next, prev, true);
    }
    String next = encode('n', key.apply(rows.get(rows.size() - 1)));
    String prev = encode('p', key.apply(rows.get(0)));
    return new Page<>(List.copyOf(rows), next, prev, !more);
  }

  /**
   * The page of a short list held in memory (not read from a table), cut from it as a query with
   * {@link #condition}, {@link #orderBy} and {@link #fetchSize()} would cut it.
   */
  public <T> Page<T> slice(Collection<T> all, Function<T, String> key) {
    boolean upwards = ascendingQuery();
    Comparator<T> byKey = Comparator.comparing(key);
    List<T> fetched =
        all.stream()
            .filter(
                item -> {
                  if (bound == null) {
                    return true;
                  }
                  int compared = key.apply(item).compareTo(bound);
                  return upwards ? compared > 0 : compared < 0;
                })
            .sorted(upwards ? byKey : byKey.reversed())
            .limit(fetchSize())
            .toList();
    return page(fetched, key);
  }

  /**
   * The JPQL condition that stops a read at the key bound to {@code parameter}, that key included
   * (e.g. {@code a.id <= :readTo} in a query that reads keys upwards): a list whose filter may
   * match few rows reads at most so many keys for a page, and hands the last key it may read to
   * {@link #page(List, Function, String)}.
   */
  public String readingTo(String keyPath, String parameter) {
    return keyPath + (ascendingQuery() ? " <= :" : " >= :") + parameter;
  }

  /**
   * As {@link #page(List, Function)}, for rows read only up to the key {@code readTo} (included,
   * see {@link #readingTo}), or to the end of the list when it is null. Fewer rows than a page then
   * do not mean the list is over: such a page (even an empty one) is not done, and its iterator
   * goes on from {@code readTo}, so that a walk still meets every row once.
   */
  public <T> Page<T> page(List<T> fetched, Function<T, String> key, String readTo) {
    if (readTo == null || fetched.size() > limit) {
      return page(fetched, key);
    }
    List<T> rows = new ArrayList<>(fetched);
    if (backwards) {
      Collections.reverse(rows);
      // Read towards the top of the list: what is before readTo is still to come that way.
      String next =
          rows.isEmpty() ? encode('n', bound) : encode('n', key.apply(rows.get(rows.size() - 1)));
      return new Page<>(List.copyOf(rows), next, encode('p', readTo), false);
    }
    String prev =
        rows.isEmpty()
            ? (bound == null ? null : encode('p', bound))
            : encode('p', key.apply(rows.get(0)));
    return new Page<>(List.copyOf(rows), encode('n', readTo), prev, false);
  }

  /** Whether the query reads keys upwards: forward in an ascending list, back in a descending. */
  private boolean ascendingQuery() {
    return (order == Order.ASCENDING) != backwards;
  }

  static String encode(char direction, String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((direction + key).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String iterator) {
    try {
      return new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

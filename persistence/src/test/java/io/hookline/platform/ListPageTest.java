package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ListPageTest {

  @Test
  void limitIsFiftyByDefaultAndOneToTwoHundredFifty() {
    assertEquals(50, ListPage.of(null, null, null, ListPage.Order.ASCENDING).limit());
    assertEquals(250, ListPage.of(250, null, null, ListPage.Order.ASCENDING).limit());
    for (int bad : new int[] {0, -1, 251}) {
      Refusal refusal =
          assertThrows(Refusal.class, () -> ListPage.of(bad, null, null, ListPage.Order.ASCENDING));
      assertEquals(Refusal.Kind.INVALID, refusal.kind());
      assertEquals("limit", refusal.field());
      assertEquals(Refusal.Location.QUERY, refusal.location());
    }
  }

  @Test
  void orderIsAscendingOrDescendingOrTheResourcesDefault() {
    assertEquals(
        ListPage.Order.DESCENDING,
        ListPage.of(null, null, null, ListPage.Order.DESCENDING).order());
    assertEquals(
        ListPage.Order.ASCENDING,
        ListPage.of(null, null, "ascending", ListPage.Order.DESCENDING).order());
    Refusal refusal =
        assertThrows(
            Refusal.class, () -> ListPage.of(null, null, "newest", ListPage.Order.ASCENDING));
    assertEquals("order", refusal.field());
  }

  @Test
  void anIteratorThisClassDidNotMakeIsRefused() {
    for (String bad :
        new String[] {"user.signup", "!!!", ListPage.encode('x', "a"), ListPage.encode('n', "")}) {
      Refusal refusal =
          assertThrows(
              Refusal.class, () -> ListPage.of(null, bad, null, ListPage.Order.ASCENDING), bad);
      assertEquals("iterator", refusal.field());
      assertEquals(Refusal.Location.QUERY, refusal.location());
    }
  }

  @Test
  void anEmptyListIsOneDonePage() {
    ListPage.Page<String> page = fetch(new TreeSet<>(), first(2, ListPage.Order.ASCENDING));
    assertEquals(List.of(), page.data());
    assertTrue(page.done());
    assertNull(page.iterator());
    assertNull(page.prevIterator());
  }

  @Test
  void walksAscendingAndDescendingPageByPage() {
    TreeSet<String> table = new TreeSet<>(List.of("a", "b", "c", "d", "e", "f", "g"));
    assertEquals(
        List.of(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"), List.of("g")),
        walk(table, ListPage.Order.ASCENDING, 2, null));
    assertEquals(
        List.of(List.of("g", "f", "e"), List.of("d", "c", "b"), List.of("a")),
        walk(table, ListPage.Order.DESCENDING, 3, null));
    // An exact multiple ends with a done page that is full.
    assertEquals(
        List.of(List.of("a", "b", "c", "d", "e", "f", "g")),
        walk(table, ListPage.Order.ASCENDING, 7, null));
  }

  @Test
  void aListGrowingAndShrinkingDuringTheWalkNeitherRepeatsNorSkips() {
    for (ListPage.Order order : ListPage.Order.values()) {
      TreeSet<String> table = new TreeSet<>();
      for (int i = 10; i < 30; i++) {
        table.add("k" + i);
      }
      Set<String> there = new TreeSet<>(table);
      Set<String> removed = new HashSet<>();
      int[] round = {0};
      List<String> seen =
          walk(
                  table,
                  order,
                  3,
                  () -> {
                    // Between pages: new keys at both ends and in the middle, and one removed.
                    int r = round[0]++;
                    table.add("k0" + r);
                    table.add("k9" + r);
                    table.add("k15x" + r);
                    String gone = "k" + (20 + r);
                    table.remove(gone);
                    removed.add(gone);
                  })
              .stream()
              .flatMap(List::stream)
              .toList();
      assertEquals(seen.size(), new HashSet<>(seen).size(), order + " repeated: " + seen);
      for (String key : there) {
        assertTrue(seen.contains(key) || removed.contains(key), order + " skipped " + key);
      }
      List<String> sorted = new ArrayList<>(seen);
      sorted.sort(
          order == ListPage.Order.ASCENDING
              ? Comparator.naturalOrder()
              : Comparator.reverseOrder());
      assertEquals(sorted, seen, "in the list's order");
    }
  }

  @Test
  void theLastPagesIteratorShowsWhatIsAddedLater() {
    TreeSet<String> table = new TreeSet<>(List.of("a", "b"));
    ListPage.Page<String> last = fetch(table, first(5, ListPage.Order.ASCENDING));
    assertTrue(last.done());
    ListPage.Page<String> nothingYet =
        fetch(table, ListPage.of(5, last.iterator(), null, ListPage.Order.ASCENDING));
    assertEquals(List.of(), nothingYet.data());
    assertEquals(last.iterator(), nothingYet.iterator());
    table.add("c");
    ListPage.Page<String> later =
        fetch(table, ListPage.of(5, nothingYet.iterator(), null, ListPage.Order.ASCENDING));
    assertEquals(List.of("c"), later.data());
  }

  @Test
  void thePreviousIteratorGoesBackOnePage() {
    TreeSet<String> table = new TreeSet<>(List.of("a", "b", "c", "d", "e"));
    for (ListPage.Order order : ListPage.Order.values()) {
      ListPage.Page<String> one = fetch(table, first(2, order));
      ListPage.Page<String> two = fetch(table, ListPage.of(2, one.iterator(), null, order));
      ListPage.Page<String> back = fetch(table, ListPage.of(2, two.prevIterator(), null, order));
      assertEquals(one.data(), back.data(), order.toString());
      assertTrue(back.done(), "nothing is before the first page");
      ListPage.Page<String> again = fetch(table, ListPage.of(2, back.iterator(), null, order));
      assertEquals(two.data(), again.data());
      assertFalse(two.done());
      ListPage.Page<String> beforeFirst =
          fetch(table, ListPage.of(2, one.prevIterator(), null, order));
      assertEquals(List.of(), beforeFirst.data());
      assertNull(beforeFirst.iterator(), "nothing before: start from the top");
    }
  }

  @Test
  void aSliceOfAListInMemoryIsThePageAQueryWouldGive() {
    TreeSet<String> table = new TreeSet<>(List.of("a", "b", "c", "d", "e"));
    List<String> unsorted = List.of("d", "a", "e", "c", "b");
    for (ListPage.Order order : ListPage.Order.values()) {
      ListPage page = first(2, order);
      for (int i = 0; i < 3; i++) {
        ListPage.Page<String> queried = fetch(table, page);
        assertEquals(queried, page.slice(unsorted, Function.identity()), order + " page " + i);
        ListPage back = ListPage.of(2, queried.prevIterator(), null, order);
        assertEquals(
            fetch(table, back), back.slice(unsorted, Function.identity()), order + " back " + i);
        page = ListPage.of(2, queried.iterator(), null, order);
      }
    }
  }

  @Test
  void aReadBoundedToAFewKeysAPageStillMeetsEveryMatchOnceInOrder() {
    TreeSet<String> table = new TreeSet<>();
    for (int i = 10; i < 60; i++) {
      table.add("k" + i);
    }
    // Rare matches, far apart: most bounded reads find none.
    Set<String> rare = Set.of("k12", "k13", "k31", "k58");
    for (ListPage.Order order : ListPage.Order.values()) {
      List<String> seen = new ArrayList<>();
      ListPage page = first(2, order);
      int pages = 0;
      boolean sawEmptyUndone = false;
      for (; pages < 100; pages++) {
        ListPage.Page<String> result = fetchReading(table, page, 5, rare::contains);
        seen.addAll(result.data());
        sawEmptyUndone |= result.data().isEmpty() && !result.done();
        if (result.done()) {
          break;
        }
        page = ListPage.of(2, result.iterator(), null, order);
      }
      List<String> expected = new ArrayList<>(rare);
      expected.sort(
          order == ListPage.Order.ASCENDING
              ? Comparator.naturalOrder()
              : Comparator.reverseOrder());
      assertEquals(expected, seen, order.toString());
      assertTrue(sawEmptyUndone, "a read that found nothing is an empty page, not the end");
      assertTrue(pages >= 50 / 5 - 1, "each page read at most 5 keys: " + pages);
    }
  }

  @Test
  void aBoundedReadsPreviousIteratorGoesBackFromWhereItStarted() {
    TreeSet<String> table = new TreeSet<>(List.of("a", "b", "c", "d", "e", "f", "g", "h"));
    Set<String> matches = Set.of("a", "h");
    ListPage.Page<String> one =
        fetchReading(table, first(2, ListPage.Order.ASCENDING), 3, matches::contains);
    assertEquals(List.of("a"), one.data());
    assertFalse(one.done(), "read a to c only");
    ListPage.Page<String> two =
        fetchReading(
            table,
            ListPage.of(2, one.iterator(), null, ListPage.Order.ASCENDING),
            3,
            matches::contains);
    assertEquals(List.of(), two.data());
    assertFalse(two.done(), "read d to f only");
    // Back from the empty page: it reads down from c, bounded as well, and finds a.
    ListPage.Page<String> back =
        fetchReading(
            table,
            ListPage.of(2, two.prevIterator(), null, ListPage.Order.ASCENDING),
            3,
            matches::contains);
    assertEquals(List.of("a"), back.data());
  }

  private static ListPage first(int limit, ListPage.Order order) {
    return ListPage.of(limit, null, null, order);
  }

  /** Every page of the table, running {@code between} after each; fails past 100 pages. */
  private static List<List<String>> walk(
      TreeSet<String> table, ListPage.Order order, int limit, Runnable between) {
    List<List<String>> pages = new ArrayList<>();
    ListPage page = first(limit, order);
    for (int i = 0; i < 100; i++) {
      ListPage.Page<String> result = fetch(table, page);
      pages.add(result.data());
      if (result.done()) {
        return pages;
      }
      if (between != null) {
        between.run();
      }
      page = ListPage.of(limit, result.iterator(), null, order);
    }
    throw new AssertionError("no end after 100 pages: " + pages);
  }

  /**
   * What a database does with a page whose read is bounded: it finds the {@code window}-th key from
   * the page's start in its order (readTo; none when fewer are left), and fetches the matching rows
   * up to it.
   */
  private static ListPage.Page<String> fetchReading(
      TreeSet<String> table, ListPage page, int window, java.util.function.Predicate<String> keep) {
    String condition = page.condition("k");
    List<String> rows =
        new ArrayList<>(
            condition == null
                ? table
                : condition.contains(">")
                    ? table.tailSet(page.bound(), false)
                    : table.headSet(page.bound(), false));
    if (page.orderBy("k").endsWith(" desc")) {
      rows.sort(Comparator.reverseOrder());
    }
    String readTo = rows.size() >= window ? rows.get(window - 1) : null;
    String reading = page.readingTo("k", "readTo");
    List<String> fetched =
        rows.stream()
            .filter(
                k ->
                    readTo == null
                        || (reading.contains("<=")
                            ? k.compareTo(readTo) <= 0
                            : k.compareTo(readTo) >= 0))
            .filter(keep)
            .limit(page.fetchSize())
            .toList();
    return page.page(fetched, Function.identity(), readTo);
  }

  /** What a database does with the page's condition, order and fetch size. */
  private static ListPage.Page<String> fetch(TreeSet<String> table, ListPage page) {
    String condition = page.condition("k");
    List<String> rows =
        new ArrayList<>(
            condition == null
                ? table
                : condition.contains(">")
                    ? table.tailSet(page.bound(), false)
                    : table.headSet(page.bound(), false));
    if (page.orderBy("k").endsWith(" desc")) {
      rows.sort(Comparator.reverseOrder());
    }
    List<String> fetched = rows.subList(0, Math.min(rows.size(), page.fetchSize()));
    return page.page(fetched, Function.identity());
  }
}

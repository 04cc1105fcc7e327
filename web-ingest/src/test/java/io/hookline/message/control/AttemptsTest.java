package io.hookline.message.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.platform.ListPage;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptsTest {
  static final ListPage FIRST = ListPage.first(ListPage.Order.DESCENDING);

  static Attempts.Filter filter(String tag, Integer status) {
    return new Attempts.Filter(status, null, null, null, null, tag, null, null);
  }

  @Test
  void anAttemptIdIsItsRowNumberAfterThePrefix() {
    assertEquals(4711L, Attempts.number("atmpt_4711"));
    assertNull(Attempts.number("4711"));
    assertNull(Attempts.number("atmpt_"));
    assertNull(Attempts.number("atmpt_x1"));
    assertNull(Attempts.number(null));
  }

  @Test
  void aFilterOnTheMessageJoinsItWithoutReadingIt() {
    String jpql =
        Attempts.jpql("a.endpointId = :owner", filter("vip", null), FIRST, false, false, false);
    assertTrue(
        jpql.startsWith("select a, e.url from DeliveryAttempt a, Endpoint e, Message m "), jpql);
    assertTrue(jpql.contains(" and m.id = a.messageId and m.tags like :tag escape '!'"), jpql);
    assertTrue(jpql.endsWith(" order by a.id desc"), jpql);
  }

  @Test
  void theMessageIsReadOnlyWithMsg() {
    String with =
        Attempts.jpql("a.endpointId = :owner", filter(null, null), FIRST, true, false, false);
    assertTrue(
        with.startsWith("select a, e.url, m from DeliveryAttempt a, Endpoint e, Message m "), with);
    String without =
        Attempts.jpql("a.endpointId = :owner", filter(null, 0), FIRST, false, false, false);
    assertEquals(
        "select a, e.url from DeliveryAttempt a, Endpoint e where e.id = a.endpointId"
            + " and a.endpointId = :owner and a.status = :status order by a.id desc",
        without);
  }

  @Test
  void aBoundedReadStopsAtItsLastKeyInTheListsDirection() {
    String down =
        Attempts.jpql("a.endpointId = :owner", filter("vip", null), FIRST, false, false, true);
    assertTrue(down.contains(" and a.id >= :readTo order by a.id desc"), down);
    ListPage up = ListPage.first(ListPage.Order.ASCENDING);
    String upward =
        Attempts.jpql("a.endpointId = :owner", filter("vip", null), up, false, false, true);
    assertTrue(upward.contains(" and a.id <= :readTo order by a.id asc"), upward);
  }

  @Test
  void anyFilterButTheEndpointIsSelective() {
    assertFalse(new Attempts.Filter(null, null, null, "ep_1", null, null, null, null).selective());
    assertTrue(filter(null, 2).selective());
    assertTrue(filter("vip", null).selective());
    assertTrue(new Attempts.Filter(null, 500, null, null, null, null, null, null).selective());
    assertTrue(
        new Attempts.Filter(null, null, List.of("a.b"), null, null, null, null, null).selective());
    assertTrue(
        new Attempts.Filter(null, null, null, null, null, null, null, OffsetDateTime.now())
            .selective());
  }
}

package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.selector.filter.BooleanExpression;
import org.apache.activemq.artemis.selector.filter.Filterable;
import org.apache.activemq.artemis.selector.impl.SelectorParser;
import org.junit.jupiter.api.Test;

/**
 * The selectors that take resent deliveries off the dead-letter queue, parsed and evaluated by
 * Artemis's own selector parser: a set of ids per selector, not a selector (and a queue scan) per
 * id.
 */
class DeadLetterSelectorTest {
  private static final String PROPERTY = DeliveryQueue.DELIVERY_ID;

  private static boolean matches(String selector, String deliveryId) throws Exception {
    BooleanExpression expression = SelectorParser.parse(selector);
    Map<String, Object> properties = Map.of(PROPERTY, deliveryId);
    return expression.matches(
        new Filterable() {
          @Override
          public <T> T getBodyAs(Class<T> type) {
            return null;
          }

          @Override
          public Object getProperty(SimpleString name) {
            return properties.get(name.toString());
          }

          @Override
          public Object getLocalConnectionId() {
            return null;
          }
        });
  }

  @Test
  void tenThousandIdsTakeTwentySelectorsEachMatchingOnlyItsOwn() throws Exception {
    List<String> ids =
        IntStream.range(0, 10_000)
            .mapToObj(i -> "dlv_" + i)
            .collect(ArrayList::new, List::add, List::addAll);
    List<String> selectors = DeadLetterSelector.of(PROPERTY, ids);
    assertEquals(10_000 / DeadLetterSelector.MAX_IDS, selectors.size());
    assertTrue(matches(selectors.get(0), "dlv_0"));
    assertTrue(matches(selectors.get(0), "dlv_499"));
    assertFalse(matches(selectors.get(0), "dlv_500"));
    assertTrue(matches(selectors.get(19), "dlv_9999"));
    assertFalse(matches(selectors.get(19), "dlv_10000"));
  }

  @Test
  void aQuoteInAnIdStaysInsideItsLiteral() throws Exception {
    String selector = DeadLetterSelector.of(PROPERTY, List.of("a' OR '1'='1")).get(0);
    assertTrue(matches(selector, "a' OR '1'='1"));
    assertFalse(matches(selector, "a"));
    assertFalse(matches(selector, "anything"));
  }

  @Test
  void duplicatesAreDroppedAndNoIdsMeanNoSelector() throws Exception {
    List<String> selectors = DeadLetterSelector.of(PROPERTY, List.of("x", "x", "y"));
    assertEquals(List.of(PROPERTY + " IN ('x', 'y')"), selectors);
    assertTrue(DeadLetterSelector.of(PROPERTY, List.of()).isEmpty());
  }
}

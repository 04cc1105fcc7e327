package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypeFilterTest {

  @Test
  void noFilterAcceptsEverything() {
    assertTrue(EventTypeFilter.accepts(List.of(), "invoice.paid"));
  }

  @Test
  void exactNamesMatchOnlyThemselves() {
    assertTrue(EventTypeFilter.accepts(List.of("user.created", "invoice.paid"), "invoice.paid"));
    assertFalse(EventTypeFilter.accepts(List.of("invoice.paid"), "invoice.paid.late"));
    assertFalse(EventTypeFilter.accepts(List.of("invoice.paid"), "invoice"));
  }

  @Test
  void wildcardMatchesTheSegmentsBelowItsPrefix() {
    assertTrue(EventTypeFilter.accepts(List.of("invoice.*"), "invoice.paid"));
    assertTrue(EventTypeFilter.accepts(List.of("invoice.*"), "invoice.paid.late"));
    assertFalse(EventTypeFilter.accepts(List.of("invoice.*"), "invoice"));
    assertFalse(EventTypeFilter.accepts(List.of("invoice.*"), "invoices.paid"));
  }
}

package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryTracesTest {
  private static final String PARENT_A = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final String PARENT_B = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @Test
  void eachDeliveryGetsBackItsOwnTraceInOrder() {
    List<Map<String, String>> traces =
        List.of(
            Map.of("traceparent", PARENT_A),
            Map.of("traceparent", PARENT_B, "tracestate", "congo=t61rcWkgMzE,rojo=00f067aa"));

    assertEquals(traces, DeliveryTraces.decode(DeliveryTraces.encode(traces), 2));
  }

  @Test
  void aTracestateWithTabsAndSpacesSurvives() {
    // Whitespace around the commas of a tracestate is allowed, tabs included.
    List<Map<String, String>> traces =
        List.of(Map.of("traceparent", PARENT_A, "tracestate", "a=1 ,\tb=2;x"));

    assertEquals(traces, DeliveryTraces.decode(DeliveryTraces.encode(traces), 1));
  }

  @Test
  void aDeliveryWithoutATraceComesBackWithAnEmptyOne() {
    List<Map<String, String>> traces =
        Arrays.asList(
            Map.of("traceparent", PARENT_A), null, Map.of(), Map.of("traceparent", PARENT_B));

    List<Map<String, String>> decoded = DeliveryTraces.decode(DeliveryTraces.encode(traces), 4);

    assertEquals(
        List.of(
            Map.of("traceparent", PARENT_A), Map.of(), Map.of(), Map.of("traceparent", PARENT_B)),
        decoded);
  }

  @Test
  void textForAnotherNumberOfDeliveriesIsNotUsed() {
    String text = DeliveryTraces.encode(List.of(Map.of("traceparent", PARENT_A)));

    assertNull(DeliveryTraces.decode(text, 2));
    assertNull(DeliveryTraces.decode(text + "\n" + PARENT_B + "\n", 2));
  }
}

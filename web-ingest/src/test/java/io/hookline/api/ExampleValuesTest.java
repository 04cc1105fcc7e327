package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleValuesTest {
  @Test
  void jsonTextBecomesPlainValuesInOrder() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("id", "app_1");
    expected.put("n", 42);
    expected.put("ok", true);
    expected.put("none", null);
    expected.put("tags", Arrays.asList("a", new BigDecimal("1.5"), false));
    Object parsed =
        ExampleValues.parsed(
            "{\"id\":\"app_1\",\"n\":42,\"ok\":true,\"none\":null,\"tags\":[\"a\",1.5,false]}");
    assertEquals(expected.toString(), parsed.toString());
    assertEquals(
        List.of("id", "n", "ok", "none", "tags"), List.copyOf(((Map<?, ?>) parsed).keySet()));
  }

  @Test
  void textThatIsNotJsonStaysText() {
    assertEquals("plain words", ExampleValues.parsed("plain words"));
    assertEquals("{not json", ExampleValues.parsed("{not json"));
  }
}

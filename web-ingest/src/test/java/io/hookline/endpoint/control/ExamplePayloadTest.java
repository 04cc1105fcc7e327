package io.hookline.endpoint.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExamplePayloadTest {

  @Test
  void theFirstExampleOfTheHighestVersionIsSent() {
    assertEquals(
        "{\"v\":2}",
        ExamplePayload.of(
            "{\"1\":{\"type\":\"object\",\"examples\":[{\"v\":1}]},"
                + "\"2\":{\"type\":\"object\",\"examples\":[{\"v\":2},{\"v\":3}]}}"));
    assertEquals(
        "{\"v\":10}",
        ExamplePayload.of("{\"9\":{\"examples\":[{\"v\":9}]},\"10\":{\"examples\":[{\"v\":10}]}}"));
  }

  @Test
  void aSingleExampleCountsToo() {
    assertEquals("{\"a\":\"b\"}", ExamplePayload.of("{\"1\":{\"example\":{\"a\":\"b\"}}}"));
  }

  @Test
  void noExampleOrNoObjectSendsAnEmptyObject() {
    assertEquals("{}", ExamplePayload.of(null));
    assertEquals("{}", ExamplePayload.of("{}"));
    assertEquals("{}", ExamplePayload.of("{\"1\":{\"type\":\"object\"}}"));
    assertEquals("{}", ExamplePayload.of("{\"1\":{\"examples\":[\"text\"]}}"));
    assertEquals("{}", ExamplePayload.of("{\"1\":{\"examples\":[]}}"));
  }
}

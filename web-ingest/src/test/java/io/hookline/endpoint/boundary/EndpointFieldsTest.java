package io.hookline.endpoint.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.api.JsonBody;
import io.hookline.endpoint.control.EndpointSpec;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.platform.Refusal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Svix's endpoint fields and their older names, read from a request body. */
class EndpointFieldsTest {
  static EndpointSpec spec(String body) {
    return EndpointsResource.spec(JsonBody.parse(body), null);
  }

  static Refusal refused(String body) {
    return assertThrows(Refusal.class, () -> spec(body));
  }

  @Test
  void filterTypesAndEventTypesAreOneField() {
    assertEquals(
        List.of("a.b", "c.*"),
        spec("{\"url\":\"u\",\"filterTypes\":[\"a.b\",\"c.*\"]}").eventTypes());
    assertEquals(List.of("a.b"), spec("{\"url\":\"u\",\"eventTypes\":[\"a.b\"]}").eventTypes());
    assertEquals(
        List.of("a.b"),
        spec("{\"url\":\"u\",\"eventTypes\":[\"a.b\"],\"filterTypes\":[\"a.b\"]}").eventTypes());
    assertEquals(
        "filterTypes",
        refused("{\"url\":\"u\",\"eventTypes\":[\"a\"],\"filterTypes\":[\"b\"]}").field());
    assertEquals("eventTypes", refused("{\"url\":\"u\",\"eventTypes\":[\"a\",\"a\"]}").field());
    assertEquals(List.of(), spec("{\"url\":\"u\",\"filterTypes\":null}").eventTypes());
  }

  @Test
  void throttleRateAndRateLimitAreOneField() {
    assertEquals(5, spec("{\"url\":\"u\",\"throttleRate\":5}").rateLimit());
    assertEquals(5, spec("{\"url\":\"u\",\"rateLimit\":5}").rateLimit());
    assertEquals(
        "rateLimit", refused("{\"url\":\"u\",\"throttleRate\":5,\"rateLimit\":6}").field());
    assertEquals("throttleRate", refused("{\"url\":\"u\",\"throttleRate\":65536}").field());
    assertEquals("rateLimit", refused("{\"url\":\"u\",\"rateLimit\":0}").field());
  }

  @Test
  void channelsAreAtMostTenDistinctNames() {
    assertEquals(
        List.of("a", "b-1"), spec("{\"url\":\"u\",\"channels\":[\"a\",\"b-1\"]}").channels());
    assertEquals("channels", refused("{\"url\":\"u\",\"channels\":[\"a\",\"a\"]}").field());
    assertEquals(
        "channels",
        refused(
                "{\"url\":\"u\",\"channels\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\","
                    + "\"9\",\"10\",\"11\"]}")
            .field());
    assertTrue(refused("{\"url\":\"u\",\"channels\":[\"a b\"]}").field().startsWith("channels"));
  }

  @Test
  void aUidIsNotShapedLikeAnId() {
    assertEquals("billing.v2", spec("{\"url\":\"u\",\"uid\":\"billing.v2\"}").uid());
    assertEquals("uid", refused("{\"url\":\"u\",\"uid\":\"ep_1\"}").field());
    assertEquals("uid", refused("{\"url\":\"u\",\"uid\":\"a/b\"}").field());
  }

  @Test
  void aPatchKeepsWhatItDoesNotNameAndNullClears() {
    Endpoint current = new Endpoint("app_1", "https://a", "d", List.of("x.y"), "s", "k");
    current.update("https://a", "d", List.of("x.y"), Map.of("X-A", "1"), 7);
    current.setUid("billing");
    current.setChannels(List.of("eu"));
    current.setMetadata("{\"team\":\"t\"}");
    EndpointSpec kept = EndpointsResource.spec(JsonBody.parse("{\"description\":\"e\"}"), current);
    assertEquals("https://a", kept.url());
    assertEquals("e", kept.description());
    assertEquals(List.of("x.y"), kept.eventTypes());
    assertEquals(7, kept.rateLimit());
    assertEquals("billing", kept.uid());
    assertEquals(List.of("eu"), kept.channels());
    assertEquals(Map.of("team", "t"), kept.metadata());
    assertEquals(Map.of("X-A", "1"), kept.headers());
    EndpointSpec cleared =
        EndpointsResource.spec(
            JsonBody.parse(
                "{\"uid\":null,\"filterTypes\":null,\"channels\":null,\"throttleRate\":null}"),
            current);
    assertNull(cleared.uid());
    assertEquals(List.of(), cleared.eventTypes());
    assertEquals(List.of(), cleared.channels());
    assertNull(cleared.rateLimit());
  }
}

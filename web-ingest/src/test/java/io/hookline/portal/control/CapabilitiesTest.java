package io.hookline.portal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
  private static boolean may(Set<Capability> held, String method, String path) {
    List<String> segments = Arrays.asList(path.split("/"));
    return Capabilities.required(method, segments).allows(held);
  }

  private static final Set<Capability> VIEW = EnumSet.of(Capability.VIEW_BASE);
  private static final Set<Capability> ALL = EnumSet.allOf(Capability.class);

  @Test
  void viewBaseReadsButChangesNothing() {
    assertTrue(may(VIEW, "GET", "v1/app/a/endpoint"));
    assertTrue(may(VIEW, "GET", "v1/app/a/endpoint/ep_1"));
    assertTrue(may(VIEW, "GET", "v1/app/a/endpoint/ep_1/stats"));
    assertTrue(may(VIEW, "GET", "v1/app/a/msg"));
    assertTrue(may(VIEW, "GET", "v1/app/a/msg/msg_1/attempt/atmpt_1"));
    assertTrue(may(VIEW, "GET", "v1/app/a/attempt/endpoint/ep_1"));
    assertTrue(may(VIEW, "GET", "v1/app/a/portal/msg"));
    assertTrue(may(VIEW, "GET", "v1/event-type"));
    assertTrue(may(VIEW, "HEAD", "v1/app/a"));
    assertFalse(may(VIEW, "GET", "v1/app/a/endpoint/ep_1/secret"));
    assertFalse(may(VIEW, "POST", "v1/app/a/endpoint"));
    assertFalse(may(VIEW, "PATCH", "v1/app/a/endpoint/ep_1"));
    assertFalse(may(VIEW, "DELETE", "v1/app/a/endpoint/ep_1"));
    assertFalse(may(VIEW, "PUT", "v1/app/a/endpoint/ep_1/headers"));
    assertFalse(may(VIEW, "POST", "v1/app/a/endpoint/ep_1/secret/rotate"));
    assertFalse(may(VIEW, "POST", "v1/app/a/msg/msg_1/endpoint/ep_1/resend"));
    assertFalse(may(VIEW, "POST", "v1/app/a/endpoint/ep_1/recover"));
    assertFalse(may(VIEW, "POST", "v1/app/a/endpoint/ep_1/send-example"));
  }

  @Test
  void eachWriteNeedsItsCapability() {
    assertTrue(
        may(EnumSet.of(Capability.VIEW_ENDPOINT_SECRET), "GET", "v1/app/a/endpoint/e/secret"));
    assertFalse(
        may(
            EnumSet.of(Capability.VIEW_ENDPOINT_SECRET),
            "POST",
            "v1/app/a/endpoint/e/secret/rotate"));
    assertTrue(
        may(
            EnumSet.of(Capability.MANAGE_ENDPOINT_SECRET),
            "POST",
            "v1/app/a/endpoint/e/secret/rotate"));
    assertTrue(
        may(EnumSet.of(Capability.MANAGE_ENDPOINT_SECRET), "GET", "v1/app/a/endpoint/e/secret"));
    assertTrue(may(EnumSet.of(Capability.MANAGE_ENDPOINT), "POST", "v1/app/a/endpoint"));
    assertTrue(may(EnumSet.of(Capability.MANAGE_ENDPOINT), "PUT", "v1/app/a/endpoint/e"));
    assertTrue(may(EnumSet.of(Capability.MANAGE_ENDPOINT), "PATCH", "v1/app/a/endpoint/e/headers"));
    assertTrue(
        may(EnumSet.of(Capability.MANAGE_ENDPOINT), "POST", "v1/app/a/endpoint/e/secret/rotate"));
    assertFalse(may(EnumSet.of(Capability.MANAGE_ENDPOINT), "POST", "v1/app/a/endpoint/e/recover"));
    Set<Capability> attempts = EnumSet.of(Capability.CREATE_ATTEMPTS);
    assertTrue(may(attempts, "POST", "v1/app/a/msg/m/endpoint/e/resend"));
    assertTrue(may(attempts, "POST", "v1/app/a/endpoint/e/recover"));
    assertTrue(may(attempts, "POST", "v1/app/a/endpoint/e/send-example"));
    assertFalse(may(attempts, "POST", "v1/app/a/endpoint"));
  }

  @Test
  void noCapabilitySendsMessagesOrReachesTheOperatorsCalls() {
    assertFalse(may(ALL, "POST", "v1/app/a/msg"));
    assertFalse(may(ALL, "POST", "v1/app/a/msg/batch"));
    assertFalse(may(ALL, "POST", "v1/app/a/token"));
    assertFalse(may(ALL, "PUT", "v1/app/a"));
    assertFalse(may(ALL, "DELETE", "v1/app/a"));
    assertFalse(may(ALL, "POST", "v1/event-type"));
    assertFalse(may(ALL, "GET", "v1/app"));
    assertFalse(may(ALL, "GET", "v1/source"));
    assertFalse(may(ALL, "POST", "v1/auth/app-portal-access/a"));
    assertFalse(may(ALL, "GET", "v1/app/a/something-new"));
    assertFalse(may(ALL, "DELETE", "v1/app/a/dead-letter"));
  }

  @Test
  void grantedFollowsSvixsRules() {
    assertEquals(ALL, Capabilities.granted(List.of(), false));
    assertEquals(ALL, Capabilities.granted(null, false));
    assertEquals(VIEW, Capabilities.granted(List.of(Capability.MANAGE_ENDPOINT), true));
    assertEquals(
        EnumSet.of(Capability.VIEW_BASE, Capability.CREATE_ATTEMPTS),
        Capabilities.granted(List.of(Capability.CREATE_ATTEMPTS), false));
  }

  @Test
  void theStoredFormReadsBack() {
    Set<Capability> some = EnumSet.of(Capability.VIEW_BASE, Capability.MANAGE_ENDPOINT_SECRET);
    assertEquals("ViewBase,ManageEndpointSecret", Capabilities.format(some));
    assertEquals(some, Capabilities.parse(Capabilities.format(some)));
    assertEquals(ALL, Capabilities.parse(Capabilities.format(ALL)));
  }
}

package io.hookline.api;

import static io.hookline.api.Access.Verdict.ALLOWED;
import static io.hookline.api.Access.Verdict.FORBIDDEN;
import static io.hookline.api.Access.Verdict.NOT_FOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessTest {
  static Access.Verdict of(String path) {
    return Access.forApp(List.of(path.split("/")), "app_A", "acme");
  }

  @Test
  void anAppTokenReachesItsOwnAppByIdOrUid() {
    assertEquals(ALLOWED, of("v1/apps/app_A"));
    assertEquals(ALLOWED, of("v1/apps/acme/messages"));
    assertEquals(ALLOWED, of("v1/apps/app_A/endpoints/ep_1/attempts"));
  }

  @Test
  void anotherAppsResourcesDoNotExistForIt() {
    assertEquals(NOT_FOUND, of("v1/apps/app_B"));
    assertEquals(NOT_FOUND, of("v1/apps/other/messages"));
  }

  @Test
  void operatorResourcesAreForbidden() {
    for (String path :
        List.of("v1/apps", "v1/sources", "v1/sources/src_1/events", "v1/audit", "v1/queues")) {
      assertEquals(FORBIDDEN, of(path), path);
    }
    assertEquals(FORBIDDEN, of("v1/apps/app_A/tokens"), "tokens are the admin's to hand out");
  }

  @Test
  void withoutAUidOnlyTheIdMatches() {
    assertEquals(NOT_FOUND, Access.forApp(List.of("v1", "apps", "null"), "app_A", null));
  }
}

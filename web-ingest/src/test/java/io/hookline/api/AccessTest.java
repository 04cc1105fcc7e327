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
    assertEquals(ALLOWED, of("v1/app/app_A"));
    assertEquals(ALLOWED, of("v1/app/acme/msg"));
    assertEquals(ALLOWED, of("v1/app/app_A/attempt/endpoint/ep_1"));
  }

  @Test
  void anAppTokenManagesItsOwnEndpointsByIdOrUid() {
    for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
      for (String path :
          List.of(
              "v1/app/acme/endpoint",
              "v1/app/app_A/endpoint/billing",
              "v1/app/acme/endpoint/ep_1/headers",
              "v1/app/acme/endpoint/billing/secret/rotate",
              "v1/app/app_A/endpoint/ep_1/send-example")) {
        assertEquals(
            ALLOWED, Access.forApp(method, List.of(path.split("/")), "app_A", "acme"), path);
      }
    }
    assertEquals(
        NOT_FOUND,
        Access.forApp("PATCH", List.of("v1", "app", "other", "endpoint", "ep_1"), "app_A", "acme"));
  }

  @Test
  void anotherAppsResourcesDoNotExistForIt() {
    assertEquals(NOT_FOUND, of("v1/app/app_B"));
    assertEquals(NOT_FOUND, of("v1/app/other/msg"));
  }

  @Test
  void operatorResourcesAreForbidden() {
    for (String path :
        List.of("v1/app", "v1/source", "v1/source/src_1/event", "v1/audit", "v1/queue")) {
      assertEquals(FORBIDDEN, of(path), path);
    }
    assertEquals(FORBIDDEN, of("v1/app/app_A/token"), "tokens are the admin's to hand out");
  }

  @Test
  void withoutAUidOnlyTheIdMatches() {
    assertEquals(NOT_FOUND, Access.forApp(List.of("v1", "app", "null"), "app_A", null));
  }

  @Test
  void anAppTokenReadsTheEventTypeCatalogueButDoesNotChangeIt() {
    List<String> list = List.of("v1", "event-type");
    List<String> one = List.of("v1", "event-type", "user.signup");
    assertEquals(ALLOWED, Access.forApp("GET", list, "app_A", "acme"));
    assertEquals(ALLOWED, Access.forApp("GET", one, "app_A", "acme"));
    assertEquals(ALLOWED, Access.forApp("HEAD", one, "app_A", "acme"));
    assertEquals(FORBIDDEN, Access.forApp("POST", list, "app_A", "acme"));
    for (String method : List.of("PUT", "PATCH", "DELETE")) {
      assertEquals(FORBIDDEN, Access.forApp(method, one, "app_A", "acme"), method);
    }
  }

  @Test
  void anAppTokenReadsOneBackgroundTaskButNotTheList() {
    List<String> one = List.of("v1", "background-task", "qtask_1");
    assertEquals(ALLOWED, Access.forApp("GET", one, "app_A", "acme"));
    assertEquals(FORBIDDEN, Access.forApp("DELETE", one, "app_A", "acme"));
    assertEquals(
        FORBIDDEN, Access.forApp("GET", List.of("v1", "background-task"), "app_A", "acme"));
  }

  @Test
  void anAppTokenReadsItsOwnSvixAppButChangesNoneAndSeesNoOther() {
    assertEquals(ALLOWED, Access.forApp("GET", List.of("v1", "app", "app_A"), "app_A", "acme"));
    assertEquals(ALLOWED, Access.forApp("GET", List.of("v1", "app", "acme"), "app_A", "acme"));
    assertEquals(NOT_FOUND, Access.forApp("GET", List.of("v1", "app", "app_B"), "app_A", "acme"));
    // Its uid is how the operator finds a tenant: a tenant that could rename its app could take
    // another's uid before the operator creates it.
    for (String method : List.of("PUT", "PATCH", "DELETE")) {
      assertEquals(FORBIDDEN, Access.forApp(method, List.of("v1", "app", "acme"), "app_A", "acme"));
      assertEquals(
          FORBIDDEN, Access.forApp(method, List.of("v1", "app", "acme", ""), "app_A", "acme"));
      assertEquals(
          NOT_FOUND, Access.forApp(method, List.of("v1", "app", "app_B"), "app_A", "acme"));
    }
    assertEquals(FORBIDDEN, Access.forApp("GET", List.of("v1", "app"), "app_A", "acme"));
    assertEquals(FORBIDDEN, Access.forApp("POST", List.of("v1", "app"), "app_A", "acme"));
    assertEquals(FORBIDDEN, Access.forApp("POST", List.of("v1", "app", ""), "app_A", "acme"));
    assertEquals(
        ALLOWED, Access.forApp("POST", List.of("v1", "app", "acme", "endpoint"), "app_A", "acme"));
    assertEquals(
        FORBIDDEN,
        Access.forApp("POST", List.of("v1", "app", "acme", "", "token", ""), "app_A", "acme"));
  }

  @Test
  void onlyTheHealthCheckIsOpenWithoutAToken() {
    assertEquals(true, Access.open(List.of("v1", "health")));
    assertEquals(false, Access.open(List.of("v1", "health", "more")));
    assertEquals(false, Access.open(List.of("v1", "event-type")));
    assertEquals(false, Access.open(List.of("v1", "app")));
  }
}

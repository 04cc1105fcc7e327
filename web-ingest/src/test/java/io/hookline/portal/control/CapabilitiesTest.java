package io.hookline.portal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
    assertTrue(may(VIEW, "GET", "v1/app/a/portal/hourly"));
    assertTrue(may(VIEW, "GET", "v1/app/a/dead-letter"));
    assertTrue(may(VIEW, "GET", "v1/event-type/invoice.paid"));
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
    assertFalse(may(ALL, "GET", "v1/app/a/token"));
    assertFalse(may(ALL, "POST", "v1/auth/app/a/expire-all"));
    assertFalse(may(ALL, "GET", "v1/audit"));
    assertFalse(may(ALL, "OPTIONS", "v1/app/a/endpoint"));
  }

  @Test
  void onlyMappedOperationsOpenNotWholeSubtrees() {
    // Reads under a mapped prefix that are no operation of their own stay closed.
    assertFalse(may(ALL, "GET", "v1/app/a/msg/m/attempt"));
    assertFalse(may(ALL, "GET", "v1/app/a/msg/m/something/else"));
    assertFalse(may(ALL, "GET", "v1/app/a/attempt"));
    assertFalse(may(ALL, "GET", "v1/app/a/attempt/other/x"));
    assertFalse(may(ALL, "GET", "v1/app/a/portal/endpoint/e/hourly"));
    assertFalse(may(ALL, "GET", "v1/app/a/dead-letter/x"));
    assertFalse(may(ALL, "GET", "v1/app/a/endpoint/e/secret/rotate"));
    // A literal template wins over a variable one, as in JAX-RS: GET msg/batch is no message.
    assertFalse(may(ALL, "GET", "v1/app/a/msg/batch"));
    assertTrue(may(VIEW, "GET", "v1/app/a/msg/msg_1"));
  }

  @Test
  void theSessionCallIsAnyLinksAndNamesNoApp() {
    Capabilities.Need need = Capabilities.required("GET", List.of("v1", "auth", "portal-session"));
    assertTrue(need.allows(VIEW));
    assertFalse(need.appScoped());
    assertTrue(Capabilities.required("GET", List.of("v1", "app", "a")).appScoped());
    assertFalse(may(ALL, "POST", "v1/auth/portal-session"));
  }

  /** One JAX-RS resource method: its HTTP method and full path template. */
  record Operation(String method, String template, String where) {}

  /**
   * Every resource method of the API (each class with {@code @Path}, each of its methods with an
   * HTTP method annotation), found by reflection over the compiled classes of every module.
   */
  static List<Operation> resourceMethods() throws Exception {
    List<Operation> operations = new ArrayList<>();
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hookline")) {
      if (!type.isAnnotatedWith(Path.class)) {
        continue;
      }
      Class<?> resource = Class.forName(type.getName());
      String root = resource.getAnnotation(Path.class).value();
      for (Method method : resource.getMethods()) {
        List<String> verbs =
            Stream.of(method.getAnnotations())
                .map(Annotation::annotationType)
                .filter(a -> a.isAnnotationPresent(HttpMethod.class))
                .map(a -> a.getAnnotation(HttpMethod.class).value())
                .toList();
        Path sub = method.getAnnotation(Path.class);
        String where = resource.getSimpleName() + "." + method.getName();
        // A sub-resource locator (a @Path without an HTTP method) would open calls this test
        // cannot see: none may exist until the test learns to follow them.
        assertFalse(
            sub != null && verbs.isEmpty(), where + " is a sub-resource locator; classify it");
        for (String verb : verbs) {
          operations.add(
              new Operation(verb, template(root, sub == null ? null : sub.value()), where));
        }
      }
    }
    return operations;
  }

  static String template(String root, String sub) {
    return Stream.of(root, sub == null ? "" : sub)
        .flatMap(part -> Arrays.stream(part.split("/")))
        .filter(segment -> !segment.isEmpty())
        .collect(Collectors.joining("/"));
  }

  @Test
  void everyResourceMethodIsEitherMappedToACapabilityOrClosedToLinks() throws Exception {
    List<Operation> operations = resourceMethods();
    Set<String> resources =
        operations.stream()
            .map(o -> o.where().substring(0, o.where().indexOf('.')))
            .collect(Collectors.toSet());
    // Not vacuous: the walk found the API's resources.
    for (String known :
        List.of("EndpointsResource", "MessagesResource", "PortalResource", "SourcesResource")) {
      assertTrue(resources.contains(known), known + " not found among " + resources);
    }
    Set<String> classified =
        Capabilities.classified().stream()
            .map(r -> r.method() + " " + r.template())
            .collect(Collectors.toSet());
    Set<String> unclassified = new TreeSet<>();
    for (Operation operation : operations) {
      String key = operation.method() + " " + operation.template();
      if (!classified.contains(key)) {
        unclassified.add(key + " (" + operation.where() + ")");
      }
    }
    assertEquals(
        Set.of(),
        unclassified,
        "resource methods neither mapped to a capability nor closed to portal links in"
            + " Capabilities: add each to OPEN or CLOSED");
  }

  @Test
  void everyClassifiedRouteIsARealOperationAndAppearsOnce() throws Exception {
    Set<String> real =
        resourceMethods().stream()
            .map(o -> o.method() + " " + o.template())
            .collect(Collectors.toSet());
    Set<String> seen = new HashSet<>();
    for (Capabilities.Route route : Capabilities.classified()) {
      String key = route.method() + " " + route.template();
      assertTrue(real.contains(key), key + " is in Capabilities but no resource method has it");
      assertTrue(seen.add(key), key + " is classified twice");
    }
  }

  @Test
  void eachOpenRouteIsReachedByAPathThatFillsItsTemplate() {
    // The matcher finds each open route from a concrete path: no route is shadowed by another.
    for (Capabilities.Route route : Capabilities.OPEN) {
      List<String> path =
          Arrays.stream(route.template().split("/"))
              .map(s -> Capabilities.isVariable(s) ? "x_1" : s)
              .toList();
      assertEquals(route.need(), Capabilities.required(route.method(), path), route.template());
    }
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

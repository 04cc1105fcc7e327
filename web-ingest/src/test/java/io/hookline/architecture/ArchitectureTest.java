package io.hookline.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.hookline.architecture.fixture.boundary.BoundaryUsingAnother;
import io.hookline.architecture.fixture.control.ControlUsingHttp;
import io.hookline.architecture.fixture.control.ListenerCallingHttp;
import io.hookline.architecture.fixture.other.boundary.AnotherBoundary;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and layer rules (docs/architecture.md), checked over the production classes of every
 * module: shared, persistence, ejb-delivery and web-ingest. A class is placed in its module by
 * where it was loaded from, so the rules hold for modules, not just package names.
 */
class ArchitectureTest {

  /**
   * Container and framework APIs that pure logic must not touch: all of Jakarta EE but JSON-P,
   * which is a library, and the MicroProfile, OpenTelemetry, EclipseLink and Payara APIs.
   */
  private static final DescribedPredicate<JavaClass> CONTAINER_TYPE =
      describe(
          "a container or framework type",
          c -> {
            String name = c.getName();
            return (name.startsWith("jakarta.") && !name.startsWith("jakarta.json."))
                || name.startsWith("org.eclipse.microprofile.")
                || name.startsWith("io.opentelemetry.")
                || name.startsWith("org.eclipse.persistence.")
                || name.startsWith("fish.payara.")
                || name.startsWith("org.glassfish.");
          });

  /** The pure classes that live beside container beans in their concern's package. */
  private static final Set<String> PURE_CLASSES =
      Set.of(
          "io.hookline.delivery.schedule.RetrySchedule",
          "io.hookline.delivery.throttle.TokenBucket",
          "io.hookline.delivery.throttle.InFlightLimit",
          "io.hookline.delivery.health.SuccessTally",
          "io.hookline.delivery.outbound.ResponsePolicy",
          "io.hookline.delivery.outbound.SignatureHeaders",
          "io.hookline.delivery.outbound.HttpOutcome",
          "io.hookline.delivery.outbound.WebhookPoster",
          "io.hookline.delivery.control.EventTypeFilter",
          "io.hookline.delivery.control.Batches",
          "io.hookline.delivery.control.TryTransactionTimeout",
          "io.hookline.platform.StoredText");

  private static JavaClasses hookline;

  @BeforeAll
  static void importEveryModule() {
    hookline =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hookline");
    // Each named pure class must exist: a renamed one would silently leave the rule.
    PURE_CLASSES.forEach(hookline::get);
    // The rules below would pass vacuously over a class path that lacks a module.
    for (DescribedPredicate<JavaClass> module :
        new DescribedPredicate[] {SHARED, PERSISTENCE, DELIVERY, WEB}) {
      assertFalse(
          hookline.that(module).isEmpty(), "no class of the " + module.getDescription() + " found");
    }
  }

  private static DescribedPredicate<JavaClass> module(String directory, String artifact) {
    Pattern from =
        Pattern.compile(".*(/" + directory + "/target/classes/|/" + artifact + "-[^/]*\\.jar).*");
    return describe(
        directory + " module",
        c -> c.getSource().map(s -> from.matcher(s.getUri().toString()).matches()).orElse(false));
  }

  static final DescribedPredicate<JavaClass> SHARED = module("shared", "hookline-shared");
  static final DescribedPredicate<JavaClass> PERSISTENCE =
      module("persistence", "hookline-persistence");
  static final DescribedPredicate<JavaClass> DELIVERY =
      module("ejb-delivery", "hookline-ejb-delivery");
  static final DescribedPredicate<JavaClass> WEB = module("web-ingest", "hookline-web-ingest");

  static final ArchRule PURE_PACKAGES_USE_NO_CONTAINER =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.hookline.signature..",
              "io.hookline.secret..",
              "io.hookline.egress..",
              "io.hookline.inbound.verify..",
              "io.hookline.inbound.transform..")
          .or(describe("one of the pure delivery classes", c -> PURE_CLASSES.contains(c.getName())))
          .should()
          .dependOnClassesThat(CONTAINER_TYPE)
          .because(
              "signing, schedules, limits, address checks, secrets, filters and verifiers are"
                  + " plain logic, unit-tested without a container");

  static final ArchRule SHARED_STANDS_ALONE =
      noClasses()
          .that(SHARED)
          .should()
          .dependOnClassesThat(
              describe(
                  "another Hookline module",
                  c -> c.getName().startsWith("io.hookline.") && !SHARED.test(c)))
          .orShould()
          .dependOnClassesThat(CONTAINER_TYPE)
          .because("both modules use the shared pieces, which reach into neither");

  static final ArchRule PERSISTENCE_KNOWS_NO_WEB_OR_DELIVERY =
      noClasses()
          .that(PERSISTENCE)
          .should()
          .dependOnClassesThat(DELIVERY.or(WEB))
          .because("entities sit below both modules");

  static final ArchRule WEB_USES_ONLY_THE_PUBLISHED_DELIVERY_INTERFACE =
      noClasses()
          .that(WEB)
          .should()
          .dependOnClassesThat(
              DELIVERY.and(
                  describe(
                      "outside io.hookline.delivery.service and io.hookline.runtime",
                      c ->
                          !c.getPackageName().startsWith("io.hookline.delivery.service")
                              && !c.getPackageName().startsWith("io.hookline.runtime"))))
          .because("web-ingest reaches delivery through DeliveryService alone");

  static final ArchRule MESSAGE_DRIVEN_BEANS_MAKE_NO_HTTP_CALLS =
      noClasses()
          .that()
          .areAnnotatedWith("jakarta.ejb.MessageDriven")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.hc..", "java.net.http..", "io.hookline.delivery.outbound..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.net.HttpURLConnection")
          .because("an MDB only reads its message and hands it to the service (thin, rethrows)");

  static final ArchRule CONTROL_KNOWS_NO_HTTP_API =
      noClasses()
          .that()
          .resideInAPackage("..control..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.hookline.api..", "jakarta.ws.rs..", "jakarta.servlet..")
          .because(
              "control raises domain refusals (io.hookline.platform.Refusal); the boundary"
                  + " maps them to problem+json");

  static final ArchRule BOUNDARIES_ARE_INDEPENDENT =
      slices()
          .matching("io.hookline.(**).boundary..")
          .should()
          .notDependOnEachOther()
          .because("what two boundaries share belongs in control or in io.hookline.api");

  @Test
  void pureLogicUsesNoContainerTypes() {
    PURE_PACKAGES_USE_NO_CONTAINER.check(hookline);
  }

  @Test
  void sharedDependsOnNoOtherModule() {
    SHARED_STANDS_ALONE.check(hookline);
  }

  @Test
  void persistenceImportsNeitherWebNorDelivery() {
    PERSISTENCE_KNOWS_NO_WEB_OR_DELIVERY.check(hookline);
  }

  @Test
  void webReachesDeliveryThroughItsInterfaceOnly() {
    WEB_USES_ONLY_THE_PUBLISHED_DELIVERY_INTERFACE.check(hookline);
  }

  @Test
  void messageDrivenBeansHoldNoHttpClientCode() {
    MESSAGE_DRIVEN_BEANS_MAKE_NO_HTTP_CALLS.check(hookline);
  }

  @Test
  void controlImportsNothingFromTheHttpApi() {
    CONTROL_KNOWS_NO_HTTP_API.check(hookline);
  }

  @Test
  void boundariesImportNoOtherBoundary() {
    BOUNDARIES_ARE_INDEPENDENT.check(hookline);
  }

  /**
   * The same rule over the web module's sources: a constant is compiled into the class that uses
   * it, so a use of another module's constant leaves no trace in the bytecode.
   */
  @Test
  void webSourcesImportNoDeliveryInternals() throws java.io.IOException {
    Pattern internal =
        Pattern.compile(
            "io\\.hookline\\.delivery\\.(control|boundary|schedule|throttle|health|outbound)\\.");
    java.nio.file.Path sources = java.nio.file.Path.of("src", "main", "java");
    assertTrue(java.nio.file.Files.isDirectory(sources), "run from the web-ingest module");
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(sources)) {
      List<String> offending =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> internal.matcher(read(f)).find())
              .map(Object::toString)
              .toList();
      assertEquals(List.of(), offending, "web-ingest sources naming delivery internals");
    }
  }

  private static String read(java.nio.file.Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The package rules catch what they are for: each fixture breaks one on purpose. */
  @Test
  void theRulesFailOnClassesThatBreakThem() {
    JavaClasses broken =
        new ClassFileImporter()
            .importClasses(
                ControlUsingHttp.class,
                ListenerCallingHttp.class,
                BoundaryUsingAnother.class,
                AnotherBoundary.class);
    assertTrue(CONTROL_KNOWS_NO_HTTP_API.evaluate(broken).hasViolation());
    assertTrue(MESSAGE_DRIVEN_BEANS_MAKE_NO_HTTP_CALLS.evaluate(broken).hasViolation());
    assertTrue(BOUNDARIES_ARE_INDEPENDENT.evaluate(broken).hasViolation());
  }
}

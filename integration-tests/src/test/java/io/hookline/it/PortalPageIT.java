package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.svix.models.AppPortalAccessIn;
import com.svix.models.ApplicationIn;
import com.svix.models.ApplicationOut;
import com.svix.models.ApplicationTokenExpireIn;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The subscriber portal page in Debian's headless Chromium, driven by Selenium: everything is done
 * through the page alone, as a subscriber would, and the server is then asked by hand what a link
 * may do. Screenshots of the main views are kept in integration-tests/target/portal/.
 */
class PortalPageIT extends MicroTest {
  static final String RUN = "pp-" + Long.toHexString(System.nanoTime()) + "-";
  static final Duration PAGE_WAIT = Duration.ofSeconds(30);
  static final Path SHOTS = Path.of("target", "portal");
  static final String EVENT_TYPE = RUN.replace("-", ".") + "invoice.paid";

  static ChromeDriver browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    // Selenium's own tracing would pull in an OpenTelemetry SDK that does not match the API here.
    System.setProperty("webdriver.remote.enableTracing", "false");
    Files.createDirectories(SHOTS);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new java.io.File(executable("chromedriver")))
            .withLogFile(SHOTS.resolve("chromedriver.log").toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(executable("chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        "--user-data-dir=" + Files.createTempDirectory("portal-chromium"));
    browser = new ChromeDriver(service, options);
    SvixEventTypeIT.admin()
        .getEventType()
        .create(
            new com.svix.models.EventTypeIn()
                .name(EVENT_TYPE)
                .description("An invoice was paid")
                .schemas(
                    Map.of(
                        "1",
                        Map.of(
                            "type",
                            "object",
                            "examples",
                            List.of(Map.of("invoiceId", "inv_42", "amount", 1200))))));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  static String executable(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(
        name + " is not installed (scripts/ensure-tools.sh installs it)");
  }

  // ---- Page helpers
  // ------------------------------------------------------------------------------

  static ApplicationOut app(String name) throws Exception {
    return SvixEventTypeIT.admin()
        .getApplication()
        .create(new ApplicationIn().name("Portal " + name).uid(RUN + name));
  }

  static String link(String app, AppPortalAccessIn in) throws Exception {
    return SvixEventTypeIT.admin().getAuthentication().appPortalAccess(app, in).getUrl().toString();
  }

  static String tokenOf(String url) {
    return url.substring(url.indexOf("#key=") + 5);
  }

  /** Opens a link with appearance parameters in its query, the token still in the fragment. */
  static void open(String url, String query) {
    int hash = url.indexOf('#');
    // From elsewhere, so that a link to the page already shown loads it anew.
    browser.get("about:blank");
    browser.get(
        url.substring(0, hash) + (query.isEmpty() ? "" : "?" + query) + url.substring(hash));
  }

  static void await(String what, java.util.function.Supplier<Boolean> condition) {
    Eventually.await(
        what,
        PAGE_WAIT,
        () -> {
          try {
            return condition.get();
          } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            // The page redrew what was looked at: look again.
            return false;
          }
        },
        done -> done);
  }

  static boolean visible(String css) {
    List<WebElement> found = browser.findElements(By.cssSelector(css));
    return !found.isEmpty() && found.get(0).isDisplayed();
  }

  static void awaitVisible(String what, String css) {
    await(what + " (" + css + ")", () -> visible(css));
  }

  static void click(String css) {
    awaitVisible("clickable", css);
    for (int tries = 1; ; tries++) {
      try {
        browser.findElement(By.cssSelector(css)).click();
        return;
      } catch (StaleElementReferenceException e) {
        if (tries == 5) {
          throw e;
        }
      }
    }
  }

  static void type(String css, String text) {
    WebElement field = browser.findElement(By.cssSelector(css));
    field.clear();
    field.sendKeys(text);
  }

  static String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  static Object script(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  static void screenshot(String name) throws IOException {
    Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  static void awaitReady() {
    await(
        "the page ready",
        () -> "true".equals(script("return document.body.dataset.ready || null")));
  }

  static List<String> shownEndpoints() {
    return browser.findElements(By.cssSelector("#endpoint-list li")).stream()
        .map(li -> li.getDomAttribute("data-endpoint-id"))
        .toList();
  }

  static Api.Response as(String token, String method, String path, JsonObject body) {
    return api.send(
        method, path, body == null ? null : body.toString(), "application/json", token, Map.of());
  }

  static String sendEvent(String app) {
    Api.Response response =
        api.post(
            "/api/v1/app/" + app + "/msg",
            Json.createObjectBuilder()
                .add("eventType", EVENT_TYPE)
                .add(
                    "payload",
                    Json.createObjectBuilder().add("invoiceId", "inv_7").add("amount", 990))
                .build());
    assertEquals(202, response.status(), response.body());
    return response.json().getString("id");
  }

  // ---- The flows
  // ---------------------------------------------------------------------------------

  @Test
  void aSubscriberAddsAnEndpointSeesItsDeliveryResendsItAndRotatesTheSecret() throws Exception {
    ApplicationOut app = app("main");
    String url = link(app.getId(), new AppPortalAccessIn());
    open(url, "primaryColor=%23b5179e&title=Acme%20webhooks");
    awaitReady();
    assertFalse(browser.getCurrentUrl().contains("#key="), "the token leaves the address bar");
    assertEquals("Acme webhooks", text("#title"));
    assertTrue(visible("#no-endpoints"), "an empty app says so");

    // Add an endpoint through the form, choosing the event type from the catalogue.
    click("#add-endpoint");
    awaitVisible("the form", "#endpoint-form");
    String target = receiver.url("/portal-page/" + "a-rather-long-path-segment".repeat(6));
    type("#form-url", target);
    type("#form-description", "Billing service");
    awaitVisible("the catalogue", "#form-event-type-list input[value='" + EVENT_TYPE + "']");
    click("#form-event-type-list input[value='" + EVENT_TYPE + "']");
    click("#form-event-type-list li:has(input[value='" + EVENT_TYPE + "']) details summary");
    assertTrue(text("#form-event-type-list").contains("inv_42"), "the example payload is shown");
    assertTrue(text("#form-event-type-list").contains("An invoice was paid"));
    type("#form-rate", "25");
    type("#form-headers", "X-Team: billing");
    screenshot("portal-add-endpoint");
    click("#save-endpoint");
    awaitVisible("the new endpoint", "#endpoint-detail");
    await("the endpoint's URL shown", () -> text("#detail-url").equals(target));
    String endpoint = text("#detail-id");
    JsonObject saved = api.get("/api/v1/app/" + app.getId() + "/endpoint/" + endpoint).json();
    assertEquals(target, saved.getString("url"));
    assertEquals(List.of(Json.createValue(EVENT_TYPE)), saved.getJsonArray("filterTypes"));
    assertEquals(25, saved.getInt("throttleRate"));
    assertEquals(
        "billing",
        api.get("/api/v1/app/" + app.getId() + "/endpoint/" + endpoint + "/headers")
            .json()
            .getJsonObject("headers")
            .getString("X-Team"));

    // A message sent through the API shows up delivered, with its attempt.
    String message = sendEvent(app.getId());
    receiver.await(new URI(target).getPath(), 1, WAIT);
    click("#tab-messages");
    String row = "#message-list li[data-message-id='" + message + "']";
    await(
        "the message delivered in the log",
        () -> {
          if (visible(row + " .status-DELIVERED")) {
            return true;
          }
          click("#apply-filters");
          return false;
        });
    screenshot("portal-messages");
    click(row + " button");
    awaitVisible("its attempt", "#message-destinations tr[data-attempt-id] .status-succeeded");
    assertTrue(text("#message-payload").contains("inv_7"), "the payload is shown");
    assertEquals(
        1,
        browser.findElements(By.cssSelector("#message-destinations tr[data-attempt-id]")).size());
    screenshot("portal-message");

    // Resend it to the endpoint from the page.
    click("[data-resend='" + message + ":" + endpoint + "']");
    await(
        "the resent attempt shown",
        () ->
            browser.findElements(By.cssSelector("#message-destinations tr[data-attempt-id]")).size()
                == 2);
    assertEquals(2, receiver.await(new URI(target).getPath(), 2, WAIT).size());

    // The filters narrow the log: a status it does not have, then another event type.
    browser.findElement(By.cssSelector("#filter-status option[value='DEAD']")).click();
    click("#apply-filters");
    awaitVisible("nothing failed", "#no-messages");
    browser.findElement(By.cssSelector("#filter-status option[value='DELIVERED']")).click();
    click("#apply-filters");
    awaitVisible("the delivered message", row);

    // Reveal and rotate the secret.
    click("#tab-endpoints");
    // The list's charts come from one call for every endpoint shown.
    await(
        "the list's chart",
        () ->
            text("#endpoint-list li[data-endpoint-id='" + endpoint + "']")
                .contains("tries in 24 h"));
    click("#endpoint-list li[data-endpoint-id='" + endpoint + "'] button");
    awaitVisible("the endpoint", "#endpoint-detail");
    click("#reveal-secret");
    await("the secret shown", () -> text("#secret").startsWith("whsec_"));
    String before = text("#secret");
    assertEquals(
        before,
        api.get("/api/v1/app/" + app.getId() + "/endpoint/" + endpoint + "/secret")
            .json()
            .getString("key"));
    click("#rotate-secret");
    await(
        "the new secret shown",
        () -> text("#secret").startsWith("whsec_") && !text("#secret").equals(before));
    String after = text("#secret");
    assertNotEquals(before, after);
    assertEquals(
        after,
        api.get("/api/v1/app/" + app.getId() + "/endpoint/" + endpoint + "/secret")
            .json()
            .getString("key"));
    awaitVisible("the chart", "#detail-chart svg");
    await("the chart counts the tries", () -> text("#detail-chart-caption").startsWith("2 tries"));
    screenshot("portal-endpoint");

    // Narrow: nothing wider than a 375 px screen.
    browser.manage().window().setSize(new Dimension(375, 812));
    await(
        "the page fits 375 px",
        () ->
            ((Number) script("return document.documentElement.scrollWidth")).intValue()
                <= ((Number) script("return window.innerWidth")).intValue());
    screenshot("portal-endpoint-375");
    browser.manage().window().setSize(new Dimension(1280, 1000));
  }

  @Test
  void aViewBaseLinkShowsNoWriteControlsAndItsTokenIsRefusedWrites() throws Exception {
    ApplicationOut app = app("viewer");
    String endpoint = createEndpoint(app.getId(), "/portal-viewer");
    String message = sendEvent(app.getId());
    awaitDeliveryStatus(message, "DELIVERED");
    String url = link(app.getId(), new AppPortalAccessIn().readOnly(true));
    open(url, "darkMode=true");
    awaitReady();
    assertEquals(
        "ViewBase", script("return document.body.dataset.capabilities"), "the page's session");
    assertFalse(visible("#add-endpoint"), "no add button");
    click("#endpoint-list li[data-endpoint-id='" + endpoint + "'] button");
    awaitVisible("the endpoint", "#endpoint-detail");
    for (String control :
        List.of(
            "#edit-endpoint",
            "#toggle-endpoint",
            "#delete-endpoint",
            "#reveal-secret",
            "#rotate-secret",
            "#send-example",
            "#recover")) {
      assertFalse(visible(control), control + " is not shown to a ViewBase link");
    }
    screenshot("portal-viewbase-dark");
    click("#tab-messages");
    String row = "#message-list li[data-message-id='" + message + "']";
    awaitVisible("the message", row);
    click(row + " button");
    awaitVisible("its attempt", "#message-destinations tr[data-attempt-id]");
    assertTrue(browser.findElements(By.cssSelector("[data-resend]")).isEmpty(), "no resend button");
    List<WebElement> buttons = browser.findElements(By.cssSelector("button"));
    for (WebElement button : buttons) {
      if (button.isDisplayed()) {
        assertFalse(
            List.of("Resend", "Delete", "Rotate secret", "Add endpoint", "Edit")
                .contains(button.getText()),
            "a write control is shown: " + button.getText());
      }
    }

    String token = tokenOf(url);
    String base = "/api/v1/app/" + app.getId();
    List<Api.Response> writes = new ArrayList<>();
    writes.add(
        as(
            token,
            "POST",
            base + "/endpoint",
            Json.createObjectBuilder().add("url", receiver.url("/x")).build()));
    writes.add(
        as(
            token,
            "PATCH",
            base + "/endpoint/" + endpoint,
            Json.createObjectBuilder().add("disabled", true).build()));
    writes.add(as(token, "DELETE", base + "/endpoint/" + endpoint, null));
    writes.add(
        as(
            token,
            "POST",
            base + "/endpoint/" + endpoint + "/secret/rotate",
            JsonObject.EMPTY_JSON_OBJECT));
    writes.add(
        as(
            token,
            "POST",
            base + "/msg/" + message + "/endpoint/" + endpoint + "/resend",
            JsonObject.EMPTY_JSON_OBJECT));
    writes.add(as(token, "GET", base + "/endpoint/" + endpoint + "/secret", null));
    for (Api.Response write : writes) {
      assertEquals(403, write.status(), write.body());
      assertEquals("application/problem+json", write.contentType());
    }
    assertFalse(
        api.get(base + "/endpoint/" + endpoint).json().getBoolean("disabled"),
        "the endpoint is untouched");
  }

  @Test
  void aLinkForOneAppShowsNothingOfAnother() throws Exception {
    ApplicationOut mine = app("mine");
    ApplicationOut theirs = app("theirs");
    String myEndpoint = createEndpoint(mine.getId(), "/portal-mine");
    String theirEndpoint = createEndpoint(theirs.getId(), "/portal-theirs-secret-place");
    String myMessage = sendEvent(mine.getId());
    String theirMessage = sendEvent(theirs.getId());
    awaitDeliveryStatus(theirMessage, "DELIVERED");
    awaitDeliveryStatus(myMessage, "DELIVERED");
    String url = link(mine.getId(), new AppPortalAccessIn());
    open(url, "");
    awaitReady();
    awaitVisible("my endpoint", "#endpoint-list li[data-endpoint-id='" + myEndpoint + "']");
    click("#tab-messages");
    awaitVisible("my message", "#message-list li[data-message-id='" + myMessage + "']");
    String page = browser.getPageSource();
    for (String other :
        List.of(
            theirs.getId(),
            theirs.getUid(),
            theirEndpoint,
            theirMessage,
            "portal-theirs-secret-place")) {
      assertFalse(page.contains(other), "the page shows " + other);
    }
    String token = tokenOf(url);
    for (String path :
        List.of(
            "/api/v1/app/" + theirs.getId() + "/endpoint",
            "/api/v1/app/" + theirs.getUid() + "/msg/" + theirMessage,
            "/api/v1/app/" + mine.getId() + "/endpoint/" + theirEndpoint,
            "/api/v1/app/" + mine.getId() + "/msg/" + theirMessage,
            "/api/v1/app/" + mine.getId() + "/portal/hourly?endpoint_id=" + theirEndpoint)) {
      Api.Response answer = as(token, "GET", path, null);
      assertEquals(404, answer.status(), path + ": " + answer.body());
    }
    Api.Response rotate =
        as(
            token,
            "POST",
            "/api/v1/app/" + theirs.getId() + "/endpoint/" + theirEndpoint + "/secret/rotate",
            JsonObject.EMPTY_JSON_OBJECT);
    assertEquals(404, rotate.status(), rotate.body());
  }

  @Test
  void anExpiredLinkSaysSoAndItsTokenIsRefused() throws Exception {
    ApplicationOut app = app("expired");
    String url = link(app.getId(), new AppPortalAccessIn().sessionId("gone"));
    SvixEventTypeIT.admin()
        .getAuthentication()
        .expireAll(app.getId(), new ApplicationTokenExpireIn().sessionIds(List.of("gone")));
    open(url, "");
    awaitVisible("the expiry message", "#expired");
    assertTrue(text("#expired").contains("expired"), text("#expired"));
    assertFalse(visible("#main"), "nothing else is shown");
    screenshot("portal-expired");
    Api.Response answer = as(tokenOf(url), "GET", "/api/v1/app/" + app.getId() + "/endpoint", null);
    assertEquals(401, answer.status(), answer.body());
  }

  @Test
  void aThousandEndpointsWithLongUrlsArePagedAndFitANarrowScreen() throws Exception {
    ApplicationOut app = app("many");
    HttpClient http = HttpClient.newHttpClient();
    Semaphore inFlight = new Semaphore(8);
    List<CompletableFuture<HttpResponse<String>>> made = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String body =
          Json.createObjectBuilder()
              .add("url", receiver.url("/many/" + i + "/" + "segment-without-any-break".repeat(8)))
              .add("description", "Endpoint number " + i)
              .build()
              .toString();
      inFlight.acquire();
      made.add(
          http.sendAsync(
                  HttpRequest.newBuilder(
                          URI.create(
                              TestStack.micro().settings().baseUrl()
                                  + "/api/v1/app/"
                                  + app.getId()
                                  + "/endpoint"))
                      .header("authorization", "Bearer " + TestStack.ADMIN_TOKEN)
                      .header("content-type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .whenComplete((response, error) -> inFlight.release()));
    }
    for (CompletableFuture<HttpResponse<String>> one : made) {
      HttpResponse<String> response = one.get();
      assertEquals(201, response.statusCode(), response.body());
    }
    String url = link(app.getId(), new AppPortalAccessIn());
    browser.manage().window().setSize(new Dimension(375, 812));
    try {
      open(url, "");
      awaitReady();
      assertEquals(20, browser.findElements(By.cssSelector("#endpoint-list li")).size());
      assertTrue(browser.findElement(By.id("endpoints-next")).isEnabled());
      List<String> first = shownEndpoints();
      click("#endpoints-next");
      await(
          "the second page",
          () -> {
            List<String> second = shownEndpoints();
            return second.size() == 20 && second.stream().noneMatch(first::contains);
          });
      assertTrue(browser.findElement(By.id("endpoints-prev")).isEnabled());
      assertTrue(
          ((Number) script("return document.documentElement.scrollWidth")).intValue()
              <= ((Number) script("return window.innerWidth")).intValue(),
          "long URLs do not widen the page");
      screenshot("portal-many-375");
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 1000));
    }
  }

  @Test
  void theShortAddressKeepsTheAppearanceAndTheDashboardIsFramedByNoOne() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = TestStack.micro().settings().baseUrl();
    HttpResponse<String> redirect =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/portal?primaryColor=%23b5179e&title=Acme"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, redirect.statusCode());
    assertTrue(
        redirect
            .headers()
            .firstValue("location")
            .orElse("")
            .endsWith("/portal/?primaryColor=%23b5179e&title=Acme"),
        redirect.headers().toString());
    HttpResponse<String> bare =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/portal")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(
        bare.headers().firstValue("location").orElse("").endsWith("/portal/"),
        bare.headers().toString());
    for (String page : List.of("/dashboard/", "/dashboard/dashboard.js")) {
      HttpResponse<String> dashboard =
          http.send(
              HttpRequest.newBuilder(URI.create(base + page)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, dashboard.statusCode(), page);
      assertEquals(
          "frame-ancestors 'none'",
          dashboard.headers().firstValue("content-security-policy").orElse(""),
          page);
      assertEquals("DENY", dashboard.headers().firstValue("x-frame-options").orElse(""), page);
    }
  }

  @Test
  void thePageLoadsOnlyItsOwnFilesAndOnlyAllowedOriginsFrameIt() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(TestStack.micro().settings().baseUrl() + "/portal/"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    String policy = page.headers().firstValue("content-security-policy").orElse("");
    assertTrue(policy.contains("script-src 'self'"), policy);
    assertTrue(policy.contains("frame-ancestors " + TestStack.PORTAL_FRAME_ANCESTORS), policy);
    assertEquals("no-referrer", page.headers().firstValue("referrer-policy").orElse(""));
    assertFalse(
        java.util.regex.Pattern.compile("(src|href)=\"(https?:)?//").matcher(page.body()).find(),
        "no outside files");
    assertEquals(
        200,
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(TestStack.micro().settings().baseUrl() + "/portal/portal.js"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
  }
}

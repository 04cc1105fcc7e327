package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator dashboard in headless Chromium: connect with the token, see a delivered and a dead
 * message, resend the dead one from its button, and see it delivered. The screenshot is kept as
 * integration-tests/target/dashboard.png.
 */
class DashboardIT extends MicroTest {
  static final Duration PAGE_WAIT = Duration.ofSeconds(30);

  @Test
  void anOperatorSeesADeadLetterResendsItAndSeesItDelivered() throws Exception {
    String app = createApp("dashboard");
    api.create(
        "/api/v1/app/" + app + "/endpoint",
        Json.createObjectBuilder()
            .add("url", receiver.url("/dash-ok"))
            .add("eventTypes", Json.createArrayBuilder().add("ok.*"))
            .build());
    receiver.scriptRepeated("/dash-down", TestStack.MAX_ATTEMPTS, 500);
    String failing =
        api.create(
                "/api/v1/app/" + app + "/endpoint",
                Json.createObjectBuilder()
                    .add("url", receiver.url("/dash-down"))
                    .add("eventTypes", Json.createArrayBuilder().add("down.*"))
                    .build())
            .getString("id");
    String delivered = sendMessage(app, "ok.shown");
    String dead = sendMessage(app, "down.shown");
    awaitDeliveryStatus(delivered, "DELIVERED");
    awaitDeliveryStatus(dead, "DEAD");

    try (WebDriver browser = WebDriver.start()) {
      browser.open(TestStack.micro().settings().baseUrl() + "/dashboard/");
      // The browser keeps 250 resource timings by default; the dashboard asks for every app's
      // endpoints and their health, which on the shared test node is more than that.
      browser.script("performance.setResourceTimingBufferSize(100000); return true");
      browser.type("#token", TestStack.ADMIN_TOKEN);
      browser.click("#connect");
      await(browser, "the token form gone", "#login[hidden]");
      await(browser, "the app in the list", "#app option[value='" + app + "']");
      browser.click("#app option[value='" + app + "']");

      await(
          browser,
          "the delivered message",
          "#messages tr[data-message-id='" + delivered + "'] .status-delivered");
      await(
          browser, "the dead message", "#messages tr[data-message-id='" + dead + "'] .status-dead");
      await(browser, "its dead letter", "#dead-letters tr[data-message-id='" + dead + "']");
      // The message list is one request, however many messages it shows: none per message.
      List<String> requests =
          browser
              .script("return performance.getEntriesByType('resource').map(e => e.name)")
              .asJsonArray()
              .getValuesAs(JsonString::getString);
      assertTrue(
          requests.stream().anyMatch(url -> url.contains("/app/" + app + "/msg?")),
          requests.toString());
      assertTrue(
          requests.stream().noneMatch(url -> url.matches(".*/msg/[^/?]+/endpoint.*")),
          "a request per listed message: " + requests);
      assertTrue(
          browser.present("#endpoints tr[data-endpoint-id='" + failing + "']"),
          "the endpoints table lists the failing endpoint");
      List<String> queues =
          browser
              .script(
                  "return [...document.querySelectorAll('#queues tbody td:first-child')]"
                      + ".map(td => td.textContent)")
              .asJsonArray()
              .getValuesAs(JsonString::getString);
      assertTrue(queues.contains("hookline.deliveries"), queues.toString());

      browser.click("[data-resend='" + dead + ":" + failing + "']");
      await(
          browser,
          "the resent message delivered",
          "#messages tr[data-message-id='" + dead + "'] .status-delivered");
      Eventually.await(
          "the dead letter gone from the page",
          PAGE_WAIT,
          () -> browser.present("#dead-letters tr[data-message-id='" + dead + "']"),
          present -> !present);
      // The receiver really got it: its four failures, then the resent delivery.
      assertEquals(TestStack.MAX_ATTEMPTS + 1, receiver.await("/dash-down", 5, WAIT).size());

      browser.click("#messages tr[data-message-id='" + dead + "']");
      await(browser, "the attempts shown", "#attempts:not([hidden]) .status-succeeded");
      browser.screenshot(Path.of("target", "dashboard.png"));
    }
  }

  private static void await(WebDriver browser, String what, String css) {
    Eventually.await(what, PAGE_WAIT, () -> browser.present(css), present -> present);
  }
}

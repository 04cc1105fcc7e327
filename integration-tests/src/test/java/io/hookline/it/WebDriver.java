package io.hookline.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Headless Chromium driven through chromedriver with the W3C WebDriver protocol, spoken directly
 * over HTTP: the few commands a page test needs, without a client library's dependencies.
 */
final class WebDriver implements AutoCloseable {
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final Process driver;
  private final String base;
  private final String session;

  private WebDriver(Process driver, String base, String session) {
    this.driver = driver;
    this.base = base;
    this.session = session;
  }

  /** Starts chromedriver and a headless Chromium session. */
  static WebDriver start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process driver =
        new ProcessBuilder("chromedriver", "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target", "chromedriver.log").toFile())
            .start();
    String base = "http://127.0.0.1:" + port;
    Eventually.await(
        "chromedriver ready",
        Duration.ofSeconds(30),
        () -> {
          try {
            return call("GET", base + "/status", null).getJsonObject("value").getBoolean("ready");
          } catch (RuntimeException notYet) {
            return false;
          }
        },
        ready -> ready);
    Path profile = Files.createTempDirectory("chromium-profile");
    JsonObject capabilities =
        Json.createObjectBuilder()
            .add(
                "capabilities",
                Json.createObjectBuilder()
                    .add(
                        "alwaysMatch",
                        Json.createObjectBuilder()
                            .add("browserName", "chrome")
                            .add(
                                "goog:chromeOptions",
                                Json.createObjectBuilder()
                                    .add("binary", "/usr/bin/chromium")
                                    .add(
                                        "args",
                                        Json.createArrayBuilder(
                                            List.of(
                                                "--headless=new",
                                                "--no-sandbox",
                                                "--disable-gpu",
                                                "--disable-dev-shm-usage",
                                                "--disable-quic",
                                                "--no-first-run",
                                                "--disable-background-networking",
                                                "--disable-component-update",
                                                "--disable-sync",
                                                "--window-size=1400,2000",
                                                "--user-data-dir=" + profile))))))
            .build();
    try {
      String session =
          call("POST", base + "/session", capabilities)
              .getJsonObject("value")
              .getString("sessionId");
      return new WebDriver(driver, base, session);
    } catch (RuntimeException e) {
      driver.destroyForcibly();
      throw e;
    }
  }

  void open(String url) {
    command("POST", "/url", Json.createObjectBuilder().add("url", url).build());
  }

  /** The element's WebDriver id; fails if there is none. */
  String find(String css) {
    JsonObject found =
        command(
            "POST",
            "/element",
            Json.createObjectBuilder().add("using", "css selector").add("value", css).build());
    JsonObject element = found.getJsonObject("value");
    if (element == null || !element.containsKey(ELEMENT)) {
      throw new IllegalStateException("no element " + css + ": " + found);
    }
    return element.getString(ELEMENT);
  }

  void type(String css, String text) {
    command(
        "POST",
        "/element/" + find(css) + "/value",
        Json.createObjectBuilder().add("text", text).build());
  }

  /**
   * Clicks the element. The page redraws its tables as it refreshes, so an element found may be
   * replaced before the click lands: then it is found again, a few times at most.
   */
  void click(String css) {
    for (int tries = 1; ; tries++) {
      try {
        command("POST", "/element/" + find(css) + "/click", JsonValue.EMPTY_JSON_OBJECT);
        return;
      } catch (IllegalStateException e) {
        if (tries == 5 || !e.getMessage().contains("stale element reference")) {
          throw e;
        }
      }
    }
  }

  /** Runs a script in the page; its return value. */
  JsonValue script(String script, String... args) {
    JsonArray arguments = Json.createArrayBuilder(List.of(args)).build();
    return command(
            "POST",
            "/execute/sync",
            Json.createObjectBuilder().add("script", script).add("args", arguments).build())
        .get("value");
  }

  /** Whether an element matches the selector now. */
  boolean present(String css) {
    return script("return document.querySelector(arguments[0]) !== null", css) == JsonValue.TRUE;
  }

  void screenshot(Path png) throws IOException {
    String data = command("GET", "/screenshot", null).getString("value");
    Files.createDirectories(png.getParent());
    Files.write(png, Base64.getDecoder().decode(data));
  }

  @Override
  public void close() {
    try {
      call("DELETE", base + "/session/" + session, null);
    } catch (RuntimeException ignored) {
      // The driver goes next anyway.
    }
    driver.destroy();
  }

  private JsonObject command(String method, String path, JsonObject body) {
    return call(method, base + "/session/" + session + path, body);
  }

  private static JsonObject call(String method, String url, JsonObject body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("content-type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      JsonObject json = Json.createReader(new StringReader(response.body())).readObject();
      if (response.statusCode() != 200) {
        throw new IllegalStateException(method + " " + url + ": " + response.body());
      }
      return json;
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * /openapi describes every operation, with an example of what it answers (and of what it takes),
 * and the README's quick start calls nothing it does not describe.
 */
class OpenApiIT extends MicroTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  private static JsonObject document() {
    Api.Response response = api.send("GET", "/openapi?format=JSON", null, null, null);
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  /**
   * swagger-parser reports every key OpenAPI 3 does not define (such as a top-level {@code
   * endpoints}), every broken reference and every missing required member as a message.
   */
  @Test
  void theDocumentPassesAStrictOpenApi3ValidatorAsYamlAndAsJson() {
    Api.Response yaml = api.send("GET", "/openapi", null, null, null);
    assertEquals(200, yaml.status(), yaml.body());
    assertTrue(yaml.body().startsWith("openapi:"), yaml.body());
    Api.Response json = api.send("GET", "/openapi?format=JSON", null, null, null);
    assertEquals(200, json.status(), json.body());
    assertTrue(json.body().startsWith("{"), json.body());
    for (Api.Response served : List.of(yaml, json)) {
      ParseOptions options = new ParseOptions();
      options.setResolve(true);
      SwaggerParseResult result = new OpenAPIV3Parser().readContents(served.body(), null, options);
      assertTrue(result.getOpenAPI() != null, "not parsed: " + result.getMessages());
      assertEquals(List.of(), result.getMessages(), "validation messages");
    }
  }

  /**
   * docs/openapi.json, which the build generates a client from, is what the server serves (apart
   * from {@code servers}, which names the server that answered). The served one is written to
   * target/openapi.json; after changing the API, format it over the committed one (see the
   * failure's message).
   */
  @Test
  void theCommittedDescriptionIsTheOneServed() throws Exception {
    JsonObject served = withoutServers(document());
    Path written = Path.of("target", "openapi.json");
    Files.createDirectories(written.getParent());
    Files.writeString(written, served.toString());
    JsonObject committed;
    try (var reader =
        Json.createReader(Files.newBufferedReader(Path.of("..", "docs", "openapi.json")))) {
      committed = withoutServers(reader.readObject());
    }
    assertEquals(
        committed,
        served,
        "docs/openapi.json is not what /openapi serves; from the repository's root run: python3 -m"
            + " json.tool --indent 2 --no-ensure-ascii integration-tests/"
            + written
            + " docs/openapi.json");
  }

  private static JsonObject withoutServers(JsonObject document) {
    return Json.createObjectBuilder(document).remove("servers").build();
  }

  /**
   * Every operation that takes a body names its schema, and so does every answer with a body; the
   * schemas are components, so that generated clients get one class per shape.
   */
  @Test
  void everyBodyHasANamedSchema() {
    JsonObject paths = document().getJsonObject("paths");
    List<String> lacking = new ArrayList<>();
    for (Map.Entry<String, JsonValue> path : paths.entrySet()) {
      for (Map.Entry<String, JsonValue> operation : path.getValue().asJsonObject().entrySet()) {
        if (!METHODS.contains(operation.getKey())) {
          continue;
        }
        String name = operation.getKey().toUpperCase() + " " + path.getKey();
        JsonObject op = operation.getValue().asJsonObject();
        if (op.containsKey("requestBody")
            && !namesSchema(op.getJsonObject("requestBody").getJsonObject("content"))) {
          lacking.add(name + ": request");
        }
        for (Map.Entry<String, JsonValue> answer : op.getJsonObject("responses").entrySet()) {
          JsonObject content = answer.getValue().asJsonObject().getJsonObject("content");
          if (answer.getKey().startsWith("2") && content != null && !namesSchema(content)) {
            lacking.add(name + ": " + answer.getKey());
          } else if (answer.getKey().startsWith("2")
              && content == null
              && !answer.getKey().equals("204")) {
            lacking.add(name + ": " + answer.getKey() + " has no body");
          }
        }
      }
    }
    assertEquals(List.of(), lacking, "bodies without a named schema");
  }

  private static boolean namesSchema(JsonObject content) {
    return content != null
        && !content.isEmpty()
        && content.values().stream()
            .allMatch(
                media ->
                    media.asJsonObject().containsKey("schema")
                        && media
                            .asJsonObject()
                            .getJsonObject("schema")
                            .getString("$ref", "")
                            .startsWith("#/components/schemas/"));
  }

  /** Every operation names its problem+json errors, of the one schema ProblemMapper writes. */
  @Test
  void everyOperationDescribesItsProblemJsonErrors() {
    JsonObject document = document();
    JsonObject schemas =
        document
            .getOrDefault("components", JsonValue.EMPTY_JSON_OBJECT)
            .asJsonObject()
            .getOrDefault("schemas", JsonValue.EMPTY_JSON_OBJECT)
            .asJsonObject();
    assertTrue(
        schemas.containsKey("Problem"), "no components.schemas.Problem: " + schemas.keySet());
    JsonObject problem = schemas.getJsonObject("Problem");
    assertEquals(
        Set.of("type", "title", "status", "detail", "field", "code"),
        problem.getJsonObject("properties").keySet());
    List<String> lacking = new ArrayList<>();
    for (Map.Entry<String, JsonValue> path : document.getJsonObject("paths").entrySet()) {
      for (Map.Entry<String, JsonValue> operation : path.getValue().asJsonObject().entrySet()) {
        if (!METHODS.contains(operation.getKey())) {
          continue;
        }
        boolean problemFor4xx =
            operation.getValue().asJsonObject().getJsonObject("responses").entrySet().stream()
                .filter(r -> r.getKey().startsWith("4"))
                .map(r -> r.getValue().asJsonObject().getJsonObject("content"))
                .anyMatch(
                    content ->
                        content != null
                            && content.containsKey("application/problem+json")
                            && content
                                .getJsonObject("application/problem+json")
                                .getJsonObject("schema")
                                .getString("$ref", "")
                                .equals("#/components/schemas/Problem"));
        if (!problemFor4xx) {
          lacking.add(operation.getKey().toUpperCase() + " " + path.getKey());
        }
      }
    }
    assertEquals(List.of(), lacking, "operations without a 4xx problem+json answer");
  }

  @Test
  void everyOperationHasASummaryADescriptionAndExamples() {
    JsonObject paths = document().getJsonObject("paths");
    List<String> lacking = new ArrayList<>();
    int operations = 0;
    for (Map.Entry<String, JsonValue> path : paths.entrySet()) {
      for (Map.Entry<String, JsonValue> operation : path.getValue().asJsonObject().entrySet()) {
        if (!METHODS.contains(operation.getKey())) {
          continue;
        }
        operations++;
        String name = operation.getKey().toUpperCase() + " " + path.getKey();
        JsonObject op = operation.getValue().asJsonObject();
        if (op.getString("summary", "").isBlank() || op.getString("description", "").isBlank()) {
          lacking.add(name + ": summary or description");
        }
        boolean answersWithExample =
            op.getJsonObject("responses").entrySet().stream()
                .anyMatch(
                    r ->
                        r.getKey().equals("204")
                            || r.getValue().toString().contains("\"examples\""));
        if (!answersWithExample) {
          lacking.add(name + ": an example answer");
        }
        if (op.containsKey("requestBody")
            && !op.getJsonObject("requestBody").toString().contains("\"examples\"")) {
          lacking.add(name + ": an example request");
        }
      }
    }
    assertTrue(operations >= 30, operations + " operations described");
    assertEquals(List.of(), lacking);
  }

  @Test
  void theReadmesQuickStartUsesOnlyDescribedOperations() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String quickStart =
        readme.substring(
            readme.indexOf("## Quick start"),
            readme.indexOf("\n## ", readme.indexOf("## Quick start") + 3));
    JsonObject paths = document().getJsonObject("paths");
    Matcher call =
        Pattern.compile("curl -s \"\\$\\{auth\\[@\\]\\}\"( -d '[^']*')?[\\s\\\\]*\\$API(/\\S*)")
            .matcher(quickStart);
    List<String> calls = new ArrayList<>();
    List<String> undescribed = new ArrayList<>();
    while (call.find()) {
      String method = call.group(1) == null ? "get" : "post";
      String used = "/api/v1" + call.group(2);
      calls.add(method + " " + used);
      boolean described =
          paths.entrySet().stream()
              .anyMatch(
                  p ->
                      used.matches(p.getKey().replaceAll("\\{[^}]+}", "[^/]+"))
                          && p.getValue().asJsonObject().containsKey(method));
      if (!described) {
        undescribed.add(method + " " + used);
      }
    }
    assertFalse(calls.isEmpty(), "no calls found in the quick start:\n" + quickStart);
    assertEquals(5, calls.size(), calls.toString());
    assertEquals(List.of(), undescribed, "quick-start calls /openapi does not describe");
  }
}

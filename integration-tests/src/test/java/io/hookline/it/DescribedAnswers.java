package io.hookline.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks each answer of Hookline's API against the schema {@code /openapi} describes for that
 * operation and status, so that every test that calls the API also tests the description. Objects
 * whose schema says {@code additionalProperties: false} may not carry undescribed members.
 */
final class DescribedAnswers {
  private static final Map<String, OpenApiInteractionValidator> BY_BASE = new ConcurrentHashMap<>();

  private DescribedAnswers() {}

  /** Throws an AssertionError naming every difference between the answer and its description. */
  static void check(String base, String method, String path, Api.Response response) {
    String bare = URI.create(path).getPath();
    if (!bare.startsWith("/api/v1/")
        || response.body() == null
        || response.body().isEmpty()
        || !response.contentType().contains("json")) {
      return;
    }
    Request.Method verb;
    try {
      verb = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException notDescribable) {
      return;
    }
    ValidationReport report =
        BY_BASE
            .computeIfAbsent(base, DescribedAnswers::validator)
            .validateResponse(
                bare,
                verb,
                SimpleResponse.Builder.status(response.status())
                    .withContentType(response.contentType())
                    .withBody(response.body())
                    .build());
    if (report.hasErrors()) {
      throw new AssertionError(
          method
              + " "
              + path
              + " answered "
              + response.status()
              + " with a body /openapi does not describe:\n"
              + report.getMessages().stream()
                  .map(message -> "  " + message.getKey() + ": " + message.getMessage())
                  .collect(Collectors.joining("\n"))
              + "\nbody: "
              + response.body());
    }
  }

  private static OpenApiInteractionValidator validator(String base) {
    try {
      HttpResponse<String> document =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/openapi?format=JSON"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (document.statusCode() != 200) {
        throw new AssertionError("/openapi answered " + document.statusCode());
      }
      // Requests to paths or methods the API lacks are tests of the refusal, not of a description.
      return OpenApiInteractionValidator.createForInlineApiSpecification(document.body())
          .withLevelResolver(
              LevelResolver.create()
                  .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                  .withLevel(
                      "validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
                  .build())
          .build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

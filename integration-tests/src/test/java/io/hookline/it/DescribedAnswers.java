package io.hookline.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks each answer {@link Api} gets from {@code /api/v1} against what {@code /openapi} describes
 * for that operation and status (its body, content type and members), so that every test calling
 * the API through {@link Api} also tests the description. Objects whose schema says {@code
 * additionalProperties: false} may not carry undescribed members. Calls made through Svix's SDK or
 * the generated client are not checked here.
 */
final class DescribedAnswers {
  private static final Map<String, OpenApiInteractionValidator> BY_BASE = new ConcurrentHashMap<>();

  private DescribedAnswers() {}

  /** Throws an AssertionError naming every difference between the answer and its description. */
  static void check(String base, String method, String path, Api.Response response) {
    String bare = URI.create(path).getPath();
    if (!bare.startsWith("/api/v1/")) {
      return;
    }
    Request.Method verb;
    try {
      verb = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException notDescribable) {
      return;
    }
    SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
    if (!response.contentType().isEmpty()) {
      answer.withContentType(response.contentType());
    }
    if (response.body() != null && !response.body().isEmpty()) {
      answer.withBody(response.body());
    }
    ValidationReport report =
        BY_BASE
            .computeIfAbsent(base, DescribedAnswers::validator)
            .validateResponse(bare, verb, answer.build());
    List<ValidationReport.Message> errors =
        report.getMessages().stream()
            .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
            .filter(message -> !refusalOfAnUndescribedCall(message, response.status()))
            .toList();
    if (!errors.isEmpty()) {
      throw new AssertionError(
          method
              + " "
              + path
              + " answered "
              + response.status()
              + " with a body /openapi does not describe:\n"
              + errors.stream()
                  .map(message -> "  " + message.getKey() + ": " + message.getMessage())
                  .collect(Collectors.joining("\n"))
              + "\nbody: "
              + response.body());
    }
  }

  /**
   * A 404 or 405 to a path or method the API does not have tests the refusal; any other answer to
   * an undescribed call is an operation missing from the description.
   */
  private static boolean refusalOfAnUndescribedCall(ValidationReport.Message message, int status) {
    return (status == 404 || status == 405)
        && (message.getKey().equals("validation.request.path.missing")
            || message.getKey().equals("validation.request.operation.notAllowed"));
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
      return OpenApiInteractionValidator.createForInlineApiSpecification(document.body()).build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

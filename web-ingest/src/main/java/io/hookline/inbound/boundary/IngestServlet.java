package io.hookline.inbound.boundary;

import io.hookline.api.ProblemMapper;
import io.hookline.inbound.control.Ingest;
import io.hookline.json.Jsons;
import io.hookline.runtime.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /ingest/{source}}: where providers send their webhooks. A servlet, not a JAX-RS
 * resource: it needs the raw bytes exactly as signed, a hard cap on how many it reads, and no API
 * token (the provider's signature is the credential).
 */
@WebServlet("/ingest/*")
public class IngestServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient Ingest ingest;
  @Inject transient Tracing tracing;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    String sourceId = path == null ? "" : path.substring(1);
    if (sourceId.isEmpty() || sourceId.contains("/") || sourceId.length() > 40) {
      write(response, Ingest.Answer.problem(404, "not-found", "post to /ingest/{source id}"));
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(
          name.toLowerCase(Locale.ROOT),
          String.join(",", Collections.list(request.getHeaders(name))));
    }
    byte[] body = read(request, ingest.maxBodyBytes());
    // A servlet gets no span from MicroProfile Telemetry (JAX-RS requests do): made here, from
    // the provider's traceparent if it sent one.
    Span span = tracing.start("POST /ingest/{source}", SpanKind.SERVER, headers);
    span.setAttribute("hookline.source_id", sourceId);
    try (Scope scope = span.makeCurrent()) {
      Ingest.Answer answer =
          ingest.take(sourceId, request.getContentType(), headers, body, request.getRemoteAddr());
      span.setAttribute("http.response.status_code", answer.status());
      write(response, answer);
    } finally {
      span.end();
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException, jakarta.servlet.ServletException {
    if (!request.getMethod().equals("POST")) {
      response.setHeader("Allow", "POST");
      write(
          response, Ingest.Answer.problem(405, "method-not-allowed", "providers POST to this URL"));
      return;
    }
    super.service(request, response);
  }

  /** The body, or null when it is longer than the limit (then it is not read to its end). */
  private static byte[] read(HttpServletRequest request, int limit) throws IOException {
    if (request.getContentLengthLong() > limit) {
      return null;
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(limit + 1);
      return body.length > limit ? null : body;
    }
  }

  private static void write(HttpServletResponse response, Ingest.Answer answer) throws IOException {
    response.setStatus(answer.status());
    if (answer.problem() == null) {
      send(response, "application/json", answer.body().toString());
      return;
    }
    JsonObjectBuilder problem =
        Jsons.createObjectBuilder()
            .add("type", ProblemMapper.TYPE_PREFIX + answer.problem())
            .add("title", title(answer.status()))
            .add("status", answer.status())
            .add("detail", answer.body().getString("detail"));
    send(response, ProblemMapper.PROBLEM_JSON, problem.build().toString());
  }

  /** As bytes: JSON is UTF-8 by definition, and takes no charset parameter (RFC 8259). */
  private static void send(HttpServletResponse response, String type, String json)
      throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    response.setContentType(type);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Malformed event";
      case 401 -> "Not verified";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 409 -> "Conflict";
      case 413 -> "Body too large";
      case 415 -> "Unsupported media type";
      default -> "Refused";
    };
  }
}

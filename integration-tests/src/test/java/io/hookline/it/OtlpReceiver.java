package io.hookline.it;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on loopback: the test Micro exports its spans here, and tests read
 * them back decoded (with the OpenTelemetry project's own protobuf classes).
 */
final class OtlpReceiver implements AutoCloseable {
  /** One span as exported. Ids are lower-case hex; attribute values as text. */
  record Span(
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      String kind,
      Map<String, String> attributes,
      List<String> linkedSpanIds) {}

  private final HttpServer server;
  private final List<Span> spans = new ArrayList<>();

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  static OtlpReceiver start(int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
      OtlpReceiver receiver = new OtlpReceiver(server);
      server.createContext("/v1/traces", receiver::handle);
      server.setExecutor(Executors.newFixedThreadPool(2));
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException("OTLP receiver on port " + port, e);
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized List<Span> spans() {
    return List.copyOf(spans);
  }

  private void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    InputStream body = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("content-encoding"))) {
      body = new GZIPInputStream(body);
    }
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
    List<Span> received = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    request
        .getResourceSpansList()
        .forEach(
            resource ->
                resource
                    .getScopeSpansList()
                    .forEach(
                        scope ->
                            scope
                                .getSpansList()
                                .forEach(
                                    span -> {
                                      Map<String, String> attributes = new LinkedHashMap<>();
                                      for (KeyValue kv : span.getAttributesList()) {
                                        attributes.put(kv.getKey(), text(kv));
                                      }
                                      received.add(
                                          new Span(
                                              hex.formatHex(span.getTraceId().toByteArray()),
                                              hex.formatHex(span.getSpanId().toByteArray()),
                                              hex.formatHex(span.getParentSpanId().toByteArray()),
                                              span.getName(),
                                              span.getKind().name(),
                                              attributes,
                                              span.getLinksList().stream()
                                                  .map(
                                                      link ->
                                                          hex.formatHex(
                                                              link.getSpanId().toByteArray()))
                                                  .toList()));
                                    })));
    synchronized (this) {
      spans.addAll(received);
    }
    byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
    exchange.getResponseHeaders().add("content-type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      exchange.getResponseBody().write(answer);
    }
    exchange.close();
  }

  private static String text(KeyValue kv) {
    var value = kv.getValue();
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString();
    };
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}

package io.hookline.runtime;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Trace context across the JMS hop: what Hookline puts in each delivery message (W3C {@code
 * traceparent}, {@code tracestate}) and the spans it starts from them, so an accepted event, every
 * try at delivering it and every retry are one trace. MicroProfile Telemetry (Payara) supplies the
 * SDK and exports over OTLP when configured ({@code OTEL_SDK_DISABLED=false}); off by default, when
 * all of this costs next to nothing.
 */
@ApplicationScoped
public class Tracing {
  /** W3C trace context's carrier keys, valid as JMS property names too. */
  public static final String TRACEPARENT = "traceparent";

  public static final String TRACESTATE = "tracestate";

  private static final String[] KEYS = {TRACEPARENT, TRACESTATE};

  private static final TextMapGetter<Map<String, String>> FROM_MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  @Inject Instance<OpenTelemetry> telemetry;

  private Tracer tracer;
  private TextMapPropagator propagator;

  @PostConstruct
  void init() {
    OpenTelemetry otel = telemetry.isResolvable() ? telemetry.get() : OpenTelemetry.noop();
    tracer = otel.getTracer("io.hookline");
    propagator = otel.getPropagators().getTextMapPropagator();
  }

  /** The current trace context as carrier entries, for a message that continues it. */
  public Map<String, String> current() {
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(Context.current(), carrier, Map::put);
    return carrier;
  }

  /** The trace context a JMS message carries, as a carrier for {@link #start}. */
  public static Map<String, String> carrier(jakarta.jms.Message message) {
    Map<String, String> carrier = new HashMap<>();
    for (String key : KEYS) {
      try {
        if (message.propertyExists(key)) {
          carrier.put(key, message.getStringProperty(key));
        }
      } catch (jakarta.jms.JMSException e) {
        // An unreadable trace header costs the trace, not the delivery.
      }
    }
    return carrier;
  }

  /** Starts a span whose parent is the context in {@code carrier} (or none). */
  public Span start(String name, SpanKind kind, Map<String, String> carrier) {
    return under(name, kind, carrier).startSpan();
  }

  /**
   * As {@link #start(String, SpanKind, Map)}, linked to {@code linked}: a delivery tried in a batch
   * whose message continues another request's trace.
   */
  public Span start(String name, SpanKind kind, Map<String, String> carrier, Span linked) {
    return under(name, kind, carrier).addLink(linked.getSpanContext()).startSpan();
  }

  private SpanBuilder under(String name, SpanKind kind, Map<String, String> carrier) {
    Context parent =
        propagator.extract(Context.root(), carrier == null ? Map.of() : carrier, FROM_MAP);
    return tracer.spanBuilder(name).setParent(parent).setSpanKind(kind);
  }

  /**
   * Runs {@code work} with {@code span} current and ends the span; an exception marks it failed,
   * recorded on it, and goes on to the caller.
   */
  public static <T> T within(Span span, Supplier<T> work) {
    try (Scope scope = span.makeCurrent()) {
      return work.get();
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      throw e;
    } finally {
      span.end();
    }
  }

  /** As {@link #within(Span, Supplier)}, for work without a result. */
  public static void within(Span span, Runnable work) {
    within(
        span,
        () -> {
          work.run();
          return null;
        });
  }

  /** Starts a span under the current one. */
  public Span startChild(String name, SpanKind kind) {
    return tracer.spanBuilder(name).setSpanKind(kind).startSpan();
  }
}

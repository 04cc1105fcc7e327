package io.hookline.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.junit.jupiter.api.Test;

class MetricsTest {
  /** The series a registry holds, as "name{tags}", from what was registered and removed. */
  private final Set<String> series = new TreeSet<>();

  private final List<String> registrations = new ArrayList<>();

  private static String key(String name, Tag... tags) {
    return new MetricID(name, tags).toString();
  }

  private <T> T stub(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> null));
  }

  private MetricRegistry registry() {
    return (MetricRegistry)
        Proxy.newProxyInstance(
            MetricRegistry.class.getClassLoader(),
            new Class<?>[] {MetricRegistry.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "counter" -> {
                  String id = key((String) args[0], (Tag[]) args[1]);
                  series.add(id);
                  registrations.add(id);
                  return stub(Counter.class);
                }
                case "timer" -> {
                  String id = key(((Metadata) args[0]).getName(), (Tag[]) args[1]);
                  series.add(id);
                  registrations.add(id);
                  return stub(Timer.class);
                }
                case "remove" -> {
                  return series.remove(args[0].toString());
                }
                default -> throw new UnsupportedOperationException(method.getName());
              }
            });
  }

  @Test
  void forgettingATagRemovesItsSeriesAndOnlyThose() {
    Metrics metrics = new Metrics();
    metrics.registry = registry();
    Metadata duration = Metadata.builder().withName("webhook_delivery_duration").build();
    for (int i = 0; i < 1000; i++) {
      Tag endpoint = new Tag("endpoint", "ep_" + i);
      metrics.count("webhook_deliveries", new Tag("status", "success"), endpoint);
      metrics.time(duration, Duration.ofMillis(5), endpoint);
    }
    metrics.count("webhook_dead_letters");
    assertEquals(2001, series.size());

    for (int i = 0; i < 999; i++) {
      metrics.forget(new Tag("endpoint", "ep_" + i));
    }
    assertEquals(
        Set.of(
            key("webhook_deliveries", new Tag("status", "success"), new Tag("endpoint", "ep_999")),
            key("webhook_delivery_duration", new Tag("endpoint", "ep_999")),
            key("webhook_dead_letters")),
        series);

    // Counted again after being forgotten: registered anew, not a stale cached instance.
    int before = registrations.size();
    metrics.count("webhook_deliveries", new Tag("status", "success"), new Tag("endpoint", "ep_1"));
    assertEquals(before + 1, registrations.size());
    assertEquals(4, series.size());
  }
}

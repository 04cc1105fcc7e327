package io.hookline.delivery.control;

import io.hookline.runtime.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the delivery consumers below the node's other threads. When the cores are short, a client
 * waiting for its 2xx goes first and the deliveries, queued anyway, take what is left (at nice 5
 * against 0 a consumer thread weighs a third of an API thread in the scheduler: deliveries slow
 * down, they do not stop); with cores to spare nothing changes. Under a flood this lets the API
 * accept more while delivery still keeps up.
 *
 * <p>A Java priority reaches Linux only with {@code -XX:ThreadPriorityPolicy=1}; the launchers set
 * it with {@code -XX:JavaPriority1_To_OSPriority=5}, so the lowest priority is nice 5. Without the
 * first flag this changes nothing. Priorities are only ever lowered: an unprivileged process may
 * not raise a thread's nice again, so a consumer thread, once lowered, stays so.
 */
@ApplicationScoped
public class ConsumerPriority {
  private static final Logger LOG = Logger.getLogger(ConsumerPriority.class.getName());

  /** 1 (the lowest, the default) to 5 (as the node's other threads: the consumers not lowered). */
  @Inject
  @ConfigProperty(name = "hookline.delivery.thread-priority", defaultValue = "1")
  int priority;

  @PostConstruct
  void init() {
    try {
      priority = checked(priority);
    } catch (IllegalArgumentException wrong) {
      throw StartupFailure.logged(LOG, wrong);
    }
  }

  /**
   * Observing the start makes the container create the bean, and run {@link #init()}, while it
   * deploys: a wrong setting stops the deployment instead of failing every delivery into the DLQ.
   */
  void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {}

  public void applyToCurrentThread() {
    lower(Thread.currentThread(), priority);
  }

  static int checked(int priority) {
    if (priority < Thread.MIN_PRIORITY || priority > Thread.NORM_PRIORITY) {
      throw new IllegalArgumentException(
          "hookline.delivery.thread-priority must be from 1 (lowest) to 5 (as other threads), not "
              + priority);
    }
    return priority;
  }

  static void lower(Thread thread, int priority) {
    if (thread.getPriority() > priority) {
      thread.setPriority(priority);
    }
  }
}

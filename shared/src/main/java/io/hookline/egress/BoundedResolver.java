package io.hookline.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A resolver that answers within a time limit: the lookup runs on a thread of its own (a JDK lookup
 * cannot be interrupted), and a lookup that has not answered in time is a failure to resolve. The
 * threads are few and daemons; when all are busy with hung lookups, further ones fail at once
 * rather than queue without end.
 */
public final class BoundedResolver implements TargetCheck.Resolver {
  private static final int THREADS = 16;
  private static final int QUEUED = 256;

  private final TargetCheck.Resolver resolver;
  private final Duration limit;
  private final ThreadPoolExecutor lookups;

  public BoundedResolver(TargetCheck.Resolver resolver, Duration limit) {
    this.resolver = resolver;
    this.limit = limit;
    this.lookups =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUED),
            r -> {
              Thread thread = new Thread(r, "hookline-dns");
              thread.setDaemon(true);
              return thread;
            });
    lookups.allowCoreThreadTimeOut(true);
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    Future<InetAddress[]> lookup;
    try {
      lookup = lookups.submit(() -> resolver.resolve(host));
    } catch (RejectedExecutionException e) {
      throw new UnknownHostException(host + ": too many name lookups waiting");
    }
    try {
      return lookup.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      lookup.cancel(true);
      throw new UnknownHostException(host + ": no answer within " + limit.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lookup.cancel(true);
      throw new UnknownHostException(host + ": interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownHostException unknown) {
        throw unknown;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("name lookup failed for " + host, e.getCause());
    }
  }

  /** Ends the lookup threads (a hung one ends when its lookup does). */
  public void close() {
    lookups.shutdownNow();
  }
}

package io.emrlaunch.core.launch.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deterministic {@link ScheduledExecutorService} in virtual time: nothing runs until the test
 * advances time, and every task runs on the advancing thread in (time, submission) order. Its
 * {@link #clock()} reads the same virtual time.
 */
public final class VirtualScheduler extends AbstractExecutorService
    implements ScheduledExecutorService {
  private final Instant epoch;
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
  private final Set<String> threadsUsed = ConcurrentHashMap.newKeySet();
  private long nowNanos;
  private long seq;
  private long tasksRun;
  private boolean shutdown;

  public VirtualScheduler(Instant epoch) {
    this.epoch = epoch;
  }

  public VirtualScheduler() {
    this(Instant.parse("2026-11-23T12:00:00Z"));
  }

  /** The virtual clock. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }

  public synchronized Instant now() {
    return epoch.plusNanos(nowNanos);
  }

  /** Virtual time elapsed since the epoch. */
  public synchronized Duration elapsed() {
    return Duration.ofNanos(nowNanos);
  }

  /** Runs every task due within {@code d}, then sets the clock to now + d. */
  public void advance(Duration d) {
    long target;
    synchronized (this) {
      target = nowNanos + d.toNanos();
    }
    runDueUpTo(target, null);
    synchronized (this) {
      nowNanos = Math.max(nowNanos, target);
    }
  }

  /** Runs the tasks due now (and those they schedule for now). */
  public void runUntilIdle() {
    long target;
    synchronized (this) {
      target = nowNanos;
    }
    runDueUpTo(target, null);
  }

  /**
   * Advances time task by task until the future is done or {@code limit} has passed.
   *
   * @return whether the future is done
   */
  public boolean runUntil(CompletableFuture<?> f, Duration limit) {
    long target;
    synchronized (this) {
      target = nowNanos + limit.toNanos();
    }
    runDueUpTo(target, f);
    if (!f.isDone()) {
      synchronized (this) {
        nowNanos = Math.max(nowNanos, target);
      }
    }
    return f.isDone();
  }

  /** Runs everything scheduled, however far ahead, up to a limit. */
  public void drain(Duration limit) {
    advance(limit);
  }

  private void runDueUpTo(long target, CompletableFuture<?> stopWhenDone) {
    while (stopWhenDone == null || !stopWhenDone.isDone()) {
      Task<?> t;
      synchronized (this) {
        t = queue.peek();
        if (t == null || t.at > target) {
          return;
        }
        queue.poll();
        nowNanos = Math.max(nowNanos, t.at);
        tasksRun++;
      }
      threadsUsed.add(Thread.currentThread().getName());
      t.run();
    }
  }

  public synchronized int pending() {
    return (int) queue.stream().filter(t -> !t.isCancelled()).count();
  }

  public synchronized long tasksRun() {
    return tasksRun;
  }

  /** Names of the threads that ran tasks. */
  public Set<String> threadsUsed() {
    return Set.copyOf(threadsUsed);
  }

  private synchronized <V> Task<V> add(Callable<V> c, long delayNanos, long periodNanos) {
    if (shutdown) {
      throw new java.util.concurrent.RejectedExecutionException("shut down");
    }
    Task<V> t = new Task<>(c, nowNanos + Math.max(0, delayNanos), periodNanos, seq++);
    queue.add(t);
    return t;
  }

  private synchronized void requeue(Task<?> t) {
    if (!shutdown) {
      t.seq = seq++;
      queue.add(t);
    }
  }

  @Override
  public void execute(Runnable command) {
    add(Executors.callable(command), 0, 0);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(Executors.callable(command), unit.toNanos(delay), 0);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return add(callable, unit.toNanos(delay), 0);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return add(Executors.callable(command), unit.toNanos(initialDelay), unit.toNanos(period));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return add(Executors.callable(command), unit.toNanos(initialDelay), unit.toNanos(delay));
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> out = new ArrayList<>(queue);
    queue.clear();
    return out;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && queue.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  private final class Task<V> implements RunnableScheduledFuture<V> {
    private final Callable<V> callable;
    private final long period;
    private final CompletableFuture<V> result = new CompletableFuture<>();
    long at;
    long seq;

    Task(Callable<V> callable, long at, long period, long seq) {
      this.callable = callable;
      this.at = at;
      this.period = period;
      this.seq = seq;
    }

    @Override
    public void run() {
      if (result.isDone()) {
        return;
      }
      try {
        V v = callable.call();
        if (period > 0) {
          at += period;
          requeue(this);
        } else {
          result.complete(v);
        }
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }

    @Override
    public boolean isPeriodic() {
      return period > 0;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      synchronized (VirtualScheduler.this) {
        return unit.convert(at - nowNanos, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public int compareTo(Delayed o) {
      Task<?> other = (Task<?>) o;
      int c = Long.compare(at, other.at);
      return c != 0 ? c : Long.compare(seq, other.seq);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = result.cancel(false);
      if (cancelled) {
        synchronized (VirtualScheduler.this) {
          queue.remove(this);
        }
      }
      return cancelled;
    }

    @Override
    public boolean isCancelled() {
      return result.isCancelled();
    }

    @Override
    public boolean isDone() {
      return result.isDone();
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
      return result.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException {
      return result.getNow(null);
    }
  }
}

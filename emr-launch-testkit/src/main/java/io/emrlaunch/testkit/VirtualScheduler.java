package io.emrlaunch.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A {@link ScheduledExecutorService} that runs its work in virtual time, on the thread that drives
 * time.
 *
 * <p>Nothing runs on its own: tasks run when {@link VirtualTime} is driven ({@link
 * VirtualTime#advance}, {@link VirtualTime#runUntilIdle}, {@link VirtualTime#runUntil}), in order
 * of due time and then of submission, with the {@link VirtualClock} set to each task's due time
 * while it runs. {@link #execute} and {@link #submit} queue work due "now". The service is
 * deterministic and single-threaded: no thread is ever created.
 *
 * <p>Periodic tasks (fixed rate and fixed delay) and cancellation behave as in {@link
 * java.util.concurrent.ScheduledThreadPoolExecutor}: a periodic task that throws is not run again,
 * and its future completes with that exception. After {@link #shutdown()} new work is rejected,
 * periodic tasks are cancelled and one-shot delayed tasks still run when time is driven.
 */
public final class VirtualScheduler implements ScheduledExecutorService {
  /** Guards against a task that reschedules itself at the same instant forever. */
  private static final long MAX_TASKS_PER_DRIVE = 50_000_000L;

  private final VirtualClock clock;
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
  private long sequence;
  private int pendingOneShots;
  private boolean shutdown;

  VirtualScheduler(VirtualClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The clock this scheduler reads. */
  public VirtualClock clock() {
    return clock;
  }

  /** Number of queued tasks (one-shot and periodic). */
  public synchronized int queuedTasks() {
    return queue.size();
  }

  /** The due time of the next queued task, or {@code null} if nothing is queued. */
  public synchronized Instant nextDueTime() {
    Task<?> head = queue.peek();
    return head == null ? null : head.due;
  }

  // ---- driving (called through VirtualTime) ----

  void advance(Duration duration) {
    requireNonNegative(duration);
    Instant target = clock.instant().plus(duration);
    runTasksUpTo(target);
    clock.set(target);
  }

  int runDue() {
    return runTasksUpTo(clock.instant());
  }

  void runUntilIdle() {
    long ran = 0;
    while (true) {
      Task<?> task;
      synchronized (this) {
        if (pendingOneShots == 0) {
          return;
        }
        task = poll();
      }
      runTask(task);
      if (++ran > MAX_TASKS_PER_DRIVE) {
        throw new IllegalStateException("runUntilIdle ran " + ran + " tasks without becoming idle");
      }
    }
  }

  boolean runUntil(BooleanSupplier done, Duration max) {
    requireNonNegative(max);
    Instant deadline = clock.instant().plus(max);
    long ran = 0;
    while (!done.getAsBoolean()) {
      Task<?> task;
      synchronized (this) {
        Task<?> head = queue.peek();
        if (head == null || head.due.isAfter(deadline)) {
          task = null;
        } else {
          task = poll();
        }
      }
      if (task == null) {
        clock.set(deadline);
        return done.getAsBoolean();
      }
      runTask(task);
      if (++ran > MAX_TASKS_PER_DRIVE) {
        throw new IllegalStateException(
            "runUntil ran " + ran + " tasks without the condition holding");
      }
    }
    return true;
  }

  private int runTasksUpTo(Instant limit) {
    int ran = 0;
    while (true) {
      Task<?> task;
      synchronized (this) {
        Task<?> head = queue.peek();
        if (head == null || head.due.isAfter(limit)) {
          return ran;
        }
        task = poll();
      }
      runTask(task);
      if (++ran > MAX_TASKS_PER_DRIVE) {
        throw new IllegalStateException(
            "ran " + ran + " tasks due by " + limit + "; is a task looping?");
      }
    }
  }

  private void runTask(Task<?> task) {
    clock.set(task.due);
    task.run();
  }

  private Task<?> poll() {
    Task<?> task = queue.poll();
    if (task != null && !task.isPeriodic()) {
      pendingOneShots--;
    }
    return task;
  }

  private synchronized <V> Task<V> enqueue(Task<V> task) {
    if (shutdown) {
      throw new RejectedExecutionException("VirtualScheduler is shut down");
    }
    return requeue(task);
  }

  private synchronized <V> Task<V> requeue(Task<V> task) {
    task.seq = sequence++;
    queue.add(task);
    if (!task.isPeriodic()) {
      pendingOneShots++;
    }
    return task;
  }

  private synchronized void remove(Task<?> task) {
    if (queue.remove(task) && !task.isPeriodic()) {
      pendingOneShots--;
    }
  }

  private static void requireNonNegative(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + duration);
    }
  }

  private Instant dueIn(long delay, TimeUnit unit) {
    long nanos = Math.max(0, unit.toNanos(delay));
    return clock.instant().plusNanos(nanos);
  }

  // ---- ScheduledExecutorService ----

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    return enqueue(new Task<Void>(Executors.callable(command, null), dueIn(delay, unit), 0));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    Objects.requireNonNull(callable, "callable");
    return enqueue(new Task<>(callable, dueIn(delay, unit), 0));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
    return enqueue(
        new Task<Void>(
            Executors.callable(command, null), dueIn(initialDelay, unit), unit.toNanos(period)));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    if (delay <= 0) {
      throw new IllegalArgumentException("delay must be positive: " + delay);
    }
    return enqueue(
        new Task<Void>(
            Executors.callable(command, null), dueIn(initialDelay, unit), -unit.toNanos(delay)));
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public Future<?> submit(Runnable task) {
    return schedule(task, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    Objects.requireNonNull(task, "task");
    return schedule(Executors.callable(task, result), 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    return schedule(task, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
    for (Task<?> task : new ArrayList<>(queue)) {
      if (task.isPeriodic()) {
        queue.remove(task);
        task.cancelQuietly();
      }
    }
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> pending = new ArrayList<>(queue);
    queue.clear();
    pendingOneShots = 0;
    return pending;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && queue.isEmpty();
  }

  /** Runs the remaining work in virtual time, for at most {@code timeout} of virtual time. */
  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return runUntil(this::isTerminated, Duration.ofNanos(Math.max(0, unit.toNanos(timeout))));
  }

  /** Submits all tasks and drives virtual time until every one of them is done. */
  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(submit(task));
    }
    driveUntil(() -> futures.stream().allMatch(Future::isDone), Duration.ofDays(365_000));
    return futures;
  }

  @Override
  public <T> List<Future<T>> invokeAll(
      Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(submit(task));
    }
    driveUntil(
        () -> futures.stream().allMatch(Future::isDone), Duration.ofNanos(unit.toNanos(timeout)));
    futures.forEach(f -> f.cancel(false));
    return futures;
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
      throws InterruptedException, ExecutionException {
    try {
      return invokeAny(tasks, 365_000L * 24, TimeUnit.HOURS);
    } catch (TimeoutException e) {
      throw new ExecutionException(e);
    }
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("no tasks");
    }
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(submit(task));
    }
    BooleanSupplier anySucceededOrAllDone =
        () ->
            futures.stream().anyMatch(VirtualScheduler::succeeded)
                || futures.stream().allMatch(Future::isDone);
    driveUntil(anySucceededOrAllDone, Duration.ofNanos(unit.toNanos(timeout)));
    try {
      ExecutionException last = null;
      for (Future<T> future : futures) {
        if (succeeded(future)) {
          return future.get();
        }
        if (future.isDone() && !future.isCancelled()) {
          try {
            future.get();
          } catch (ExecutionException e) {
            last = e;
          }
        }
      }
      if (futures.stream().allMatch(Future::isDone)) {
        throw last != null ? last : new ExecutionException(new CancellationException());
      }
      throw new TimeoutException("no task completed within " + timeout + " " + unit);
    } finally {
      futures.forEach(f -> f.cancel(false));
    }
  }

  private static boolean succeeded(Future<?> future) {
    if (!future.isDone() || future.isCancelled()) {
      return false;
    }
    try {
      future.get();
      return true;
    } catch (ExecutionException | InterruptedException e) {
      return false;
    }
  }

  private void driveUntil(BooleanSupplier condition, Duration max) {
    runDue();
    runUntil(condition, max);
  }

  /**
   * Drives virtual time until {@code future} completes or {@code max} virtual time has passed.
   *
   * @return {@code future}, done or not
   */
  <T> CompletableFuture<T> runUntil(CompletableFuture<T> future, Duration max) {
    runDue();
    if (!runUntil(future::isDone, max) && queuedTasks() == 0) {
      // Nothing left in virtual time can complete it: almost always a component built on the
      // real clock. Say so instead of returning an unfinished future without a word.
      throw new IllegalStateException(
          "the future is not done and nothing is scheduled in virtual time (now "
              + clock.instant()
              + "): was the component built with this scheduler and clock, e.g."
              + " .scheduler(aws.scheduler()).clock(aws.clock())? Work on real threads cannot be"
              + " driven by virtual time.");
    }
    return future;
  }

  @Override
  public String toString() {
    return "VirtualScheduler[now=" + clock.instant() + ", queued=" + queuedTasks() + "]";
  }

  /** A queued unit of work; the future handed back to callers. */
  private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
    private Instant due;
    private long seq;

    /** 0: one-shot; &gt; 0: fixed rate; &lt; 0: fixed delay (nanoseconds). */
    private final long period;

    Task(Callable<V> callable, Instant due, long period) {
      super(callable);
      this.due = due;
      this.period = period;
    }

    @Override
    public boolean isPeriodic() {
      return period != 0;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      Duration left = Duration.between(clock.instant(), due);
      return unit.convert(left.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      if (other == this) {
        return 0;
      }
      if (other instanceof VirtualScheduler.Task<?> task) {
        int byTime = due.compareTo(task.due);
        return byTime != 0 ? byTime : Long.compare(seq, task.seq);
      }
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public void run() {
      if (!isPeriodic()) {
        super.run();
        return;
      }
      if (runAndReset()) {
        due = period > 0 ? due.plusNanos(period) : clock.instant().plusNanos(-period);
        synchronized (VirtualScheduler.this) {
          if (!shutdown && !isCancelled()) {
            requeue(this);
          }
        }
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        remove(this);
      }
      return cancelled;
    }

    void cancelQuietly() {
      super.cancel(false);
    }
  }
}

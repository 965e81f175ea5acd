package io.emrlaunch.ssm.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

/**
 * Wraps an {@link SsmAsyncClient} (the testkit's view) to script what its fault plan cannot:
 * another writer's put landing just before this client's next put (a race between check and write),
 * errors of a chosen type (for example AccessDenied), and a call paused mid-flight: it takes effect
 * at once but its answer reaches the caller only when the test opens the gate ({@link
 * #holdNextAnswer}). Over the testkit's views (answers complete before they are returned) the code
 * under test then stops exactly there, and everything it does after the answer runs in the test's
 * thread inside {@code gate.complete(null)}: interleavings of several writers are deterministic.
 */
public final class Interleaving {
  private final SsmAsyncClient delegate;
  private final Deque<Runnable> beforePut = new ArrayDeque<>();
  private final Deque<Object[]> failures = new ArrayDeque<>();
  private final List<Hold> holds = new ArrayList<>();
  private final List<Predicate<Object>> repeats = new ArrayList<>();
  private final SsmAsyncClient client;

  public Interleaving(SsmAsyncClient delegate) {
    this.delegate = delegate;
    InvocationHandler h = this::invoke;
    this.client =
        (SsmAsyncClient)
            Proxy.newProxyInstance(
                SsmAsyncClient.class.getClassLoader(), new Class<?>[] {SsmAsyncClient.class}, h);
  }

  public SsmAsyncClient client() {
    return client;
  }

  /** Runs an action (another writer) just before the next putParameter is sent. */
  public synchronized Interleaving beforeNextPut(Runnable action) {
    beforePut.add(action);
    return this;
  }

  /** The next call of a method (e.g. {@code getParametersByPath}) fails with this error unsent. */
  public synchronized Interleaving failNext(String method, Supplier<RuntimeException> error) {
    failures.add(new Object[] {method, error});
    return this;
  }

  /**
   * The next call of {@code method} whose request matches is sent at once, but its answer (or
   * error) is held back until {@link Hold#release()}. Holds are matched in the order they were
   * added; each is used once.
   *
   * @param method the client method, e.g. {@code getParameter}
   * @param request which requests to hold
   * @return the hold
   */
  public synchronized Hold holdNextAnswer(String method, Predicate<Object> request) {
    Hold hold = new Hold(method, request);
    holds.add(hold);
    return hold;
  }

  /**
   * The next putParameter whose request matches is sent twice and the caller sees only the second
   * answer: what an SDK retry does after the first attempt took effect but its answer was lost.
   *
   * @param request which put to repeat
   * @return this
   */
  public synchronized Interleaving repeatNextPut(Predicate<Object> request) {
    repeats.add(request);
    return this;
  }

  /** Matches a PutParameter of a write lock. */
  public static Predicate<Object> lockPut() {
    return r -> r instanceof PutParameterRequest put && put.name().contains("/_locks/");
  }

  /** Matches a GetParameter of a write lock (any version). */
  public static Predicate<Object> lockRead() {
    return r -> r instanceof GetParameterRequest g && g.name().contains("/_locks/");
  }

  /**
   * Matches a read of a record (not of a lock): a GetParameter, or the GetParameterHistory with
   * which a versioned save reads the record under its lock.
   */
  public static Predicate<Object> recordRead() {
    return r ->
        (r instanceof GetParameterRequest g && !g.name().contains("/_locks/"))
            || (r instanceof GetParameterHistoryRequest h && !h.name().contains("/_locks/"));
  }

  /** One call whose answer is held back. */
  public static final class Hold {
    private final String method;
    private final Predicate<Object> request;
    private final CompletableFuture<Void> gate = new CompletableFuture<>();
    private final CompletableFuture<Void> answered = new CompletableFuture<>();

    private Hold(String method, Predicate<Object> request) {
      this.method = method;
      this.request = request;
    }

    /**
     * Completes once the held call has been answered by the service (it took effect; the caller has
     * not seen the answer yet). Over the testkit's views that is as soon as the call is made; over
     * HTTP (moto) join it before letting another writer act.
     */
    public CompletableFuture<Void> answered() {
      return answered;
    }

    /** Delivers the held answer; what the caller does next runs before this returns if it can. */
    public void release() {
      gate.complete(null);
    }
  }

  @SuppressWarnings("unchecked")
  private Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
    if (args != null && args.length == 1 && args[0] instanceof Consumer && m.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, m, args);
    }
    Runnable hook = null;
    Supplier<RuntimeException> failure = null;
    Hold held = null;
    boolean repeat = false;
    synchronized (this) {
      if (m.getName().equals("putParameter") && args != null) {
        for (Predicate<Object> r : repeats) {
          if (r.test(args[0])) {
            repeats.remove(r);
            repeat = true;
            break;
          }
        }
      }
      for (Hold h : holds) {
        if (h.method.equals(m.getName()) && args != null && h.request.test(args[0])) {
          held = h;
          holds.remove(h);
          break;
        }
      }
      if (m.getName().equals("putParameter")) {
        hook = beforePut.poll();
      }
      for (Object[] f : failures) {
        if (f[0].equals(m.getName())) {
          failures.remove(f);
          failure = (Supplier<RuntimeException>) f[1];
          break;
        }
      }
    }
    if (failure != null) {
      return CompletableFuture.failedFuture(failure.get());
    }
    if (hook != null) {
      hook.run();
    }
    Object result;
    try {
      result = m.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (repeat) {
      result =
          ((CompletableFuture<?>) result)
              .handle((r, e) -> null)
              .thenCompose(
                  lost -> {
                    try {
                      return (CompletableFuture<?>) m.invoke(delegate, args);
                    } catch (ReflectiveOperationException e) {
                      throw new IllegalStateException(e);
                    }
                  });
    }
    if (held != null) {
      CompletableFuture<?> answer = (CompletableFuture<?>) result;
      Hold h = held;
      answer.whenComplete((r, e) -> h.answered.complete(null));
      return h.gate.thenCompose(open -> answer);
    }
    return result;
  }
}

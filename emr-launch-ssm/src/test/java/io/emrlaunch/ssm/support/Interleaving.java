package io.emrlaunch.ssm.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;

/**
 * Wraps an {@link SsmAsyncClient} (the testkit's view) to script what its fault plan cannot:
 * another writer's put landing just before this client's next put (a race between check and write),
 * and errors of a chosen type (for example AccessDenied).
 */
public final class Interleaving {
  private final SsmAsyncClient delegate;
  private final Deque<Runnable> beforePut = new ArrayDeque<>();
  private final Deque<Object[]> failures = new ArrayDeque<>();
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

  @SuppressWarnings("unchecked")
  private Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
    if (args != null && args.length == 1 && args[0] instanceof Consumer && m.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, m, args);
    }
    Runnable hook = null;
    Supplier<RuntimeException> failure = null;
    synchronized (this) {
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
    try {
      return m.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

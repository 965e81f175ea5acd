package io.emrlaunch.ssm.support;

import io.emrlaunch.testkit.ssm.FakeSsm;
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
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * An {@link SsmAsyncClient} over the testkit's {@link FakeSsm}, with a call log and scripted faults
 * (before a call: it never reaches the store; after a call: it ran but its response is lost).
 */
public final class FakeSsmClient {
  private final FakeSsm store;
  private final List<String> calls = new ArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<Runnable> beforePut = new ArrayList<>();
  private final SsmAsyncClient client;

  private record Fault(String operation, boolean afterCall, Supplier<RuntimeException> error) {}

  public FakeSsmClient(FakeSsm store) {
    this.store = store;
    InvocationHandler h = this::invoke;
    this.client =
        (SsmAsyncClient)
            Proxy.newProxyInstance(
                SsmAsyncClient.class.getClassLoader(), new Class<?>[] {SsmAsyncClient.class}, h);
  }

  public SsmAsyncClient client() {
    return client;
  }

  public FakeSsm store() {
    return store;
  }

  /** Operation names called so far (e.g. {@code putParameter}), in order. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized long count(String operation) {
    return calls.stream().filter(operation::equals).count();
  }

  /** The next call of the operation fails with the error and never reaches the store. */
  public synchronized FakeSsmClient failNext(String operation, Supplier<RuntimeException> error) {
    faults.add(new Fault(operation, false, error));
    return this;
  }

  /** The next call of the operation reaches the store, but its response is lost. */
  public synchronized FakeSsmClient loseNextResponse(
      String operation, Supplier<RuntimeException> error) {
    faults.add(new Fault(operation, true, error));
    return this;
  }

  /** Runs an action before the next putParameter reaches the store (a concurrent writer). */
  public synchronized FakeSsmClient beforeNextPut(Runnable action) {
    beforePut.add(action);
    return this;
  }

  public static SsmException throttling() {
    return (SsmException)
        SsmException.builder()
            .message("Rate exceeded")
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("ThrottlingException")
                    .errorMessage("Rate exceeded")
                    .serviceName("Ssm")
                    .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build())
                    .build())
            .build();
  }

  public static AwsServiceException serviceUnavailable() {
    return SsmException.builder()
        .message("Service unavailable")
        .statusCode(503)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode("InternalServerError")
                .errorMessage("Service unavailable")
                .serviceName("Ssm")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(503).build())
                .build())
        .build();
  }

  private Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
    switch (m.getName()) {
      case "serviceName":
        return "ssm";
      case "close":
        return null;
      case "toString":
        return "FakeSsmClient";
      case "hashCode":
        return System.identityHashCode(proxy);
      case "equals":
        return proxy == args[0];
      default:
        break;
    }
    if (args != null && args.length == 1 && args[0] instanceof Consumer) {
      // The SDK's Consumer<Builder> overloads build the request and call the plain method.
      return InvocationHandler.invokeDefault(proxy, m, args);
    }
    Fault fault;
    Runnable concurrent = null;
    synchronized (this) {
      calls.add(m.getName());
      fault =
          faults.stream().filter(f -> f.operation().equals(m.getName())).findFirst().orElse(null);
      if (fault != null) {
        faults.remove(fault);
      }
      if (m.getName().equals("putParameter") && !beforePut.isEmpty()) {
        concurrent = beforePut.remove(0);
      }
    }
    if (fault != null && !fault.afterCall()) {
      return CompletableFuture.failedFuture(fault.error().get());
    }
    if (concurrent != null) {
      concurrent.run();
    }
    Method target;
    try {
      target = FakeSsm.class.getMethod(m.getName(), m.getParameterTypes());
    } catch (NoSuchMethodException e) {
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException("FakeSsm has no " + m.getName()));
    }
    try {
      Object result = target.invoke(store, args);
      if (fault != null) {
        return CompletableFuture.failedFuture(fault.error().get());
      }
      return CompletableFuture.completedFuture(result);
    } catch (InvocationTargetException e) {
      return CompletableFuture.failedFuture(e.getCause());
    }
  }
}

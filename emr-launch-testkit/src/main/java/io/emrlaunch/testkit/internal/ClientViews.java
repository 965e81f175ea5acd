package io.emrlaunch.testkit.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.regions.Region;

/**
 * Turns one backend (a plain object whose public methods mirror the sync client's operations:
 * {@code DescribeClusterResponse describeCluster(DescribeClusterRequest)}) into the SDK's sync and
 * async client interfaces, using {@link Proxy}.
 *
 * <p>Dispatch is by method name and request type. Every other interface method is a {@code default}
 * method in the SDK, so convenience overloads ({@code Consumer<Builder>}, no-argument forms,
 * paginators) run their default body, which ends in the main operation on the proxy. An operation
 * the backend lacks throws {@link UnsupportedOperationException} naming it. {@code serviceName()},
 * {@code close()}, {@code serviceClientConfiguration()} and the async {@code waiter()} (on the
 * virtual scheduler) are answered here.
 */
public final class ClientViews {
  private ClientViews() {}

  /** A sync client ({@code EmrClient}, {@code SsmClient}, ...) over {@code backend}. */
  public static <T> T sync(
      Class<T> clientInterface, Object backend, ServiceDescriptor service, ViewContext context) {
    return create(clientInterface, new CallDispatcher(backend, service, context), service, false);
  }

  /** An async client ({@code EmrAsyncClient}, ...) over {@code backend}. */
  public static <T> T async(
      Class<T> clientInterface, Object backend, ServiceDescriptor service, ViewContext context) {
    return create(clientInterface, new CallDispatcher(backend, service, context), service, true);
  }

  private static <T> T create(
      Class<T> clientInterface,
      CallDispatcher dispatcher,
      ServiceDescriptor service,
      boolean async) {
    Objects.requireNonNull(clientInterface, "clientInterface");
    if (!clientInterface.isInterface()) {
      throw new IllegalArgumentException(clientInterface + " is not an interface");
    }
    Handler handler = new Handler(clientInterface, dispatcher, service, async);
    Object proxy =
        Proxy.newProxyInstance(
            clientInterface.getClassLoader(), new Class<?>[] {clientInterface}, handler);
    return clientInterface.cast(proxy);
  }

  /**
   * The operation name as in the API reference: {@code describeCluster} becomes {@code
   * DescribeCluster}.
   */
  static String operationName(String methodName) {
    return Character.toUpperCase(methodName.charAt(0)) + methodName.substring(1);
  }

  private static final class Handler implements InvocationHandler {
    private static final Method NONE;

    static {
      try {
        NONE = Object.class.getMethod("toString");
      } catch (NoSuchMethodException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final Class<?> clientInterface;
    private final CallDispatcher dispatcher;
    private final ServiceDescriptor service;
    private final boolean async;
    private final Map<Method, Method> targets = new ConcurrentHashMap<>();
    private final Map<String, Object> answers = new ConcurrentHashMap<>();

    Handler(
        Class<?> clientInterface,
        CallDispatcher dispatcher,
        ServiceDescriptor service,
        boolean async) {
      this.clientInterface = clientInterface;
      this.dispatcher = dispatcher;
      this.service = service;
      this.async = async;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      int arity = method.getParameterCount();
      if (method.getDeclaringClass() == Object.class) {
        return objectMethod(proxy, name, args);
      }
      if (arity == 0) {
        switch (name) {
          case "serviceName":
            return service.sdkServiceName();
          case "close":
            return null;
          case "serviceClientConfiguration":
            return answers.computeIfAbsent(name, k -> clientConfiguration());
          case "waiter":
            return waiter(proxy);
          default:
            break;
        }
      }
      if (isOperation(method)) {
        Method target = targets.computeIfAbsent(method, this::findTarget);
        if (target == NONE) {
          throw new UnsupportedOperationException(
              dispatcher.backend().getClass().getSimpleName()
                  + " does not implement "
                  + operationName(name));
        }
        String operation = operationName(name);
        return async
            ? dispatcher.callAsync(operation, target, args)
            : dispatcher.callSync(operation, target, args);
      }
      if (Streaming.isStreamingOperation(method)) {
        return Streaming.invoke(dispatcher, method, args);
      }
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      throw new UnsupportedOperationException(
          clientInterface.getSimpleName() + "." + name + " is not supported by the testkit view");
    }

    /** One SDK request in, the SDK response (sync) or a future of it (async) out. */
    private boolean isOperation(Method method) {
      if (method.getParameterCount() != 1
          || !SdkRequest.class.isAssignableFrom(method.getParameterTypes()[0])) {
        return false;
      }
      Class<?> returns = method.getReturnType();
      return async
          ? returns == CompletableFuture.class
          : SdkResponse.class.isAssignableFrom(returns);
    }

    private Method findTarget(Method method) {
      Class<?> requestType = method.getParameterTypes()[0];
      try {
        Method target = dispatcher.backend().getClass().getMethod(method.getName(), requestType);
        if (Modifier.isStatic(target.getModifiers())) {
          return NONE;
        }
        return target;
      } catch (NoSuchMethodException e) {
        return NONE;
      }
    }

    private Object objectMethod(Object proxy, String name, Object[] args) {
      switch (name) {
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return clientInterface.getSimpleName()
              + "[testkit view of "
              + dispatcher.backend().getClass().getSimpleName()
              + "]";
        default:
          throw new UnsupportedOperationException(name);
      }
    }

    /**
     * The most specific {@code serviceClientConfiguration()} type, built with the fake's region.
     */
    private Object clientConfiguration() {
      Class<?> mostSpecific = null;
      for (Method m : clientInterface.getMethods()) {
        if (m.getName().equals("serviceClientConfiguration") && m.getParameterCount() == 0) {
          Class<?> type = m.getReturnType();
          if (mostSpecific == null || mostSpecific.isAssignableFrom(type)) {
            mostSpecific = type;
          }
        }
      }
      Region region = dispatcher.context().region();
      return Optional.ofNullable(mostSpecific)
          .map(
              type -> {
                try {
                  Object builder = type.getMethod("builder").invoke(null);
                  builder.getClass().getMethod("region", Region.class).invoke(builder, region);
                  return builder.getClass().getMethod("build").invoke(builder);
                } catch (ReflectiveOperationException | RuntimeException e) {
                  throw new UnsupportedOperationException(
                      "cannot build " + type.getSimpleName() + " for the testkit view", e);
                }
              })
          .orElseThrow(() -> new UnsupportedOperationException("serviceClientConfiguration"));
    }

    /**
     * Async views hand out the SDK's own async waiter on the virtual scheduler, so waits run in
     * virtual time. The sync waiter sleeps real threads for real time, so sync views refuse it.
     */
    private Object waiter(Object proxy) {
      if (!async) {
        throw new UnsupportedOperationException(
            clientInterface.getSimpleName()
                + ".waiter() sleeps in real time; in tests use the async client's waiter(),"
                + " which runs on the virtual scheduler");
      }
      try {
        Method waiterMethod = clientInterface.getMethod("waiter");
        Class<?> waiterType = waiterMethod.getReturnType();
        Object builder = waiterType.getMethod("builder").invoke(null);
        Class<?> builderType = waiterType.getMethod("builder").getReturnType();
        builderType.getMethod("client", clientInterface).invoke(builder, proxy);
        builderType
            .getMethod("scheduledExecutorService", ScheduledExecutorService.class)
            .invoke(builder, dispatcher.context().time().scheduler());
        return builderType.getMethod("build").invoke(builder);
      } catch (ReflectiveOperationException e) {
        throw new UnsupportedOperationException("cannot build a waiter for " + clientInterface, e);
      }
    }
  }
}

package io.emrlaunch.testkit.conformance;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A minimal SDK-interface view of a fake backend for the conformance tests: each client method the
 * backend has is forwarded to the backend method with the same name and parameter type; other
 * default methods (the {@code Consumer<Builder>} overloads) run as the SDK wrote them.
 */
final class SdkViews {
  private SdkViews() {}

  static <T> T view(Class<T> client, Object backend) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(backend, args);
          }
          if (method.getName().equals("close")) {
            return null;
          }
          Method target;
          try {
            target = backend.getClass().getMethod(method.getName(), method.getParameterTypes());
          } catch (NoSuchMethodException e) {
            if (method.isDefault()) {
              // The Consumer<Builder> overloads build the request and call the method above.
              return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(
                backend.getClass().getSimpleName() + " has no " + method.getName());
          }
          try {
            return target.invoke(backend, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return client.cast(
        Proxy.newProxyInstance(client.getClassLoader(), new Class<?>[] {client}, handler));
  }
}

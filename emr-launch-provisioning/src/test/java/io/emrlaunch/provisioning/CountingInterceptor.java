package io.emrlaunch.provisioning;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Records every operation real SDK clients send (for call counting against moto). */
final class CountingInterceptor implements ExecutionInterceptor {
  private final List<String> calls = new ArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    synchronized (calls) {
      calls.add(
          attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
              + ":"
              + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
  }

  List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  List<String> mutating() {
    return calls().stream().filter(c -> !Fixture.isRead(c.substring(c.indexOf(':') + 1))).toList();
  }

  void reset() {
    synchronized (calls) {
      calls.clear();
    }
  }
}

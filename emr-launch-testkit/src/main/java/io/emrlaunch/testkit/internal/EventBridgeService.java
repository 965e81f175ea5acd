package io.emrlaunch.testkit.internal;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InternalException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.ThrottlingException;

/** Amazon EventBridge as the client views see it: ids and error spelling. */
public final class EventBridgeService {
  private static final Map<String, Supplier<AwsServiceException.Builder>> MODELLED =
      Map.of(
          "ResourceNotFoundException", ResourceNotFoundException::builder,
          "ThrottlingException", ThrottlingException::builder,
          "InternalException", InternalException::builder);

  /** The EventBridge service descriptor. */
  public static final ServiceDescriptor DESCRIPTOR =
      new ServiceDescriptor(
          "events",
          EventBridgeClient.SERVICE_NAME,
          "EventBridge",
          code -> MODELLED.getOrDefault(code, EventBridgeException::builder).get(),
          "ThrottlingException",
          "InternalException");

  private EventBridgeService() {}
}

package io.emrlaunch.testkit.internal;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.RequestThrottledException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Amazon SQS as the client views see it: ids and error spelling. */
public final class SqsService {
  private static final Map<String, Supplier<AwsServiceException.Builder>> MODELLED =
      Map.of(
          "AWS.SimpleQueueService.NonExistentQueue", QueueDoesNotExistException::builder,
          "RequestThrottled", RequestThrottledException::builder);

  /** The SQS service descriptor. */
  public static final ServiceDescriptor DESCRIPTOR =
      new ServiceDescriptor(
          "sqs",
          SqsClient.SERVICE_NAME,
          "Sqs",
          code -> MODELLED.getOrDefault(code, SqsException::builder).get(),
          "RequestThrottled",
          "InternalFailure");

  private SqsService() {}
}

package io.emrlaunch.testkit.internal;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ServiceFailureException;

/**
 * IAM as the client views see it: ids and error spelling (the modelled exception for each error
 * code the fake uses, else IamException).
 */
public final class IamService {
  private static final Map<String, Supplier<AwsServiceException.Builder>> MODELLED =
      Map.ofEntries(
          Map.entry("NoSuchEntity", NoSuchEntityException::builder),
          Map.entry("EntityAlreadyExists", EntityAlreadyExistsException::builder),
          Map.entry("DeleteConflict", DeleteConflictException::builder),
          Map.entry("InvalidInput", InvalidInputException::builder),
          Map.entry("LimitExceeded", LimitExceededException::builder),
          Map.entry("MalformedPolicyDocument", MalformedPolicyDocumentException::builder),
          Map.entry("ServiceFailure", ServiceFailureException::builder));

  /** The IAM service descriptor. */
  public static final ServiceDescriptor DESCRIPTOR =
      new ServiceDescriptor(
          "iam",
          IamClient.SERVICE_NAME,
          "IAM",
          code -> MODELLED.getOrDefault(code, IamException::builder).get(),
          "Throttling",
          "ServiceFailure");

  private IamService() {}
}

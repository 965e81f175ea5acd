package io.emrlaunch.testkit.internal;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Secrets Manager as the client views see it: ids and error spelling (the modelled exception for
 * each error code the fake uses, else SecretsManagerException).
 */
public final class SecretsManagerService {
  private static final Map<String, Supplier<AwsServiceException.Builder>> MODELLED =
      Map.of(
          "ResourceNotFoundException", ResourceNotFoundException::builder,
          "ResourceExistsException", ResourceExistsException::builder,
          "DecryptionFailure", DecryptionFailureException::builder,
          "InvalidParameterException", InvalidParameterException::builder,
          "InvalidRequestException", InvalidRequestException::builder,
          "InternalServiceError", InternalServiceErrorException::builder);

  /** The Secrets Manager service descriptor. */
  public static final ServiceDescriptor DESCRIPTOR =
      new ServiceDescriptor(
          "secretsmanager",
          SecretsManagerClient.SERVICE_NAME,
          "SecretsManager",
          code -> MODELLED.getOrDefault(code, SecretsManagerException::builder).get(),
          "ThrottlingException",
          "InternalServiceError");

  private SecretsManagerService() {}
}

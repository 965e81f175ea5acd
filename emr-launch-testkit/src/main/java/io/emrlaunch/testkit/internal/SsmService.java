package io.emrlaunch.testkit.internal;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.HierarchyLevelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.HierarchyTypeMismatchException;
import software.amazon.awssdk.services.ssm.model.InternalServerErrorException;
import software.amazon.awssdk.services.ssm.model.InvalidAllowedPatternException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterKeyException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterOptionException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterValueException;
import software.amazon.awssdk.services.ssm.model.InvalidKeyIdException;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.InvalidResourceIdException;
import software.amazon.awssdk.services.ssm.model.InvalidResourceTypeException;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterMaxVersionLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterPatternMismatchException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionLabelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.ssm.model.ThrottlingException;
import software.amazon.awssdk.services.ssm.model.TooManyTagsErrorException;
import software.amazon.awssdk.services.ssm.model.TooManyUpdatesException;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/**
 * SSM as the client views see it: ids and error spelling (the modelled exception for each error
 * code the fake uses, else SsmException).
 */
public final class SsmService {
  private static final Map<String, Supplier<AwsServiceException.Builder>> MODELLED =
      Map.ofEntries(
          Map.entry("ValidationException", ValidationException::builder),
          Map.entry("AccessDeniedException", AccessDeniedException::builder),
          Map.entry("ParameterNotFound", ParameterNotFoundException::builder),
          Map.entry("ParameterVersionNotFound", ParameterVersionNotFoundException::builder),
          Map.entry("ParameterAlreadyExists", ParameterAlreadyExistsException::builder),
          Map.entry("ParameterLimitExceeded", ParameterLimitExceededException::builder),
          Map.entry(
              "ParameterMaxVersionLimitExceeded",
              ParameterMaxVersionLimitExceededException::builder),
          Map.entry(
              "HierarchyLevelLimitExceededException",
              HierarchyLevelLimitExceededException::builder),
          Map.entry("HierarchyTypeMismatchException", HierarchyTypeMismatchException::builder),
          Map.entry("InvalidKeyId", InvalidKeyIdException::builder),
          Map.entry("InvalidAllowedPatternException", InvalidAllowedPatternException::builder),
          Map.entry(
              "ParameterPatternMismatchException", ParameterPatternMismatchException::builder),
          Map.entry(
              "ParameterVersionLabelLimitExceeded",
              ParameterVersionLabelLimitExceededException::builder),
          Map.entry("InvalidFilterKey", InvalidFilterKeyException::builder),
          Map.entry("InvalidFilterOption", InvalidFilterOptionException::builder),
          Map.entry("InvalidFilterValue", InvalidFilterValueException::builder),
          Map.entry("InvalidNextToken", InvalidNextTokenException::builder),
          Map.entry("InvalidResourceId", InvalidResourceIdException::builder),
          Map.entry("InvalidResourceType", InvalidResourceTypeException::builder),
          Map.entry("TooManyTagsError", TooManyTagsErrorException::builder),
          Map.entry("TooManyUpdates", TooManyUpdatesException::builder),
          Map.entry("ThrottlingException", ThrottlingException::builder),
          Map.entry("InternalServerError", InternalServerErrorException::builder));

  /** The SSM service descriptor. */
  public static final ServiceDescriptor DESCRIPTOR =
      new ServiceDescriptor(
          "ssm",
          SsmClient.SERVICE_NAME,
          "SSM",
          code -> MODELLED.getOrDefault(code, SsmException::builder).get(),
          "ThrottlingException",
          "InternalServerError");

  private SsmService() {}
}

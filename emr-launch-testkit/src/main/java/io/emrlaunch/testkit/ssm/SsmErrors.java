package io.emrlaunch.testkit.ssm;

import io.emrlaunch.testkit.internal.SsmService;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.HierarchyLevelLimitExceededException;
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
import software.amazon.awssdk.services.ssm.model.TooManyTagsErrorException;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/**
 * Builds the exceptions the SSM service returns, shaped like the ones the SDK unmarshals from the
 * wire: modelled class, HTTP 400, AWS error code and message in the error details.
 */
final class SsmErrors {
  private SsmErrors() {}

  private static <T extends AwsServiceException> T build(
      String code, String message, Class<T> type) {
    return type.cast(SsmService.DESCRIPTOR.error(code, 400, message));
  }

  static ValidationException validation(String message) {
    return build("ValidationException", message, ValidationException.class);
  }

  static ValidationException constraint(String field, Object value, String constraint) {
    return validation(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + field
            + "' failed to satisfy constraint: "
            + constraint);
  }

  static AccessDeniedException accessDenied(String message) {
    return build("AccessDeniedException", message, AccessDeniedException.class);
  }

  static ParameterNotFoundException notFound(String name) {
    return build(
        "ParameterNotFound", "Parameter " + name + " not found.", ParameterNotFoundException.class);
  }

  static ParameterVersionNotFoundException versionNotFound(String name, String versionOrLabel) {
    return build(
        "ParameterVersionNotFound",
        "Systems Manager could not find version "
            + versionOrLabel
            + " of "
            + name
            + ". Verify the version and try again.",
        ParameterVersionNotFoundException.class);
  }

  static ParameterAlreadyExistsException alreadyExists() {
    return build(
        "ParameterAlreadyExists",
        "The parameter already exists. To overwrite this value, set the overwrite option in the"
            + " request to true.",
        ParameterAlreadyExistsException.class);
  }

  static ParameterLimitExceededException limitExceeded(String tier, int limit) {
    return build(
        "ParameterLimitExceeded",
        "You have exceeded the number of "
            + tier
            + " parameters ("
            + limit
            + ") for this AWS account. Delete one or more parameters and try again.",
        ParameterLimitExceededException.class);
  }

  static ParameterMaxVersionLimitExceededException maxVersions(String name, long oldest) {
    return build(
        "ParameterMaxVersionLimitExceeded",
        "You attempted to create a new version of "
            + name
            + " by calling the PutParameter API with the overwrite flag. Version "
            + oldest
            + ", the oldest version, can't be deleted because it has a label associated with it."
            + " Move the label to another version of the parameter, and try again.",
        ParameterMaxVersionLimitExceededException.class);
  }

  static HierarchyLevelLimitExceededException hierarchy() {
    return build(
        "HierarchyLevelLimitExceededException",
        "A hierarchy can have a maximum of 15 levels. For more information, see Requirements and"
            + " constraints for parameter names in the AWS Systems Manager User Guide.",
        HierarchyLevelLimitExceededException.class);
  }

  static InvalidKeyIdException invalidKeyId(String keyId) {
    return build(
        "InvalidKeyId", "The KeyId " + keyId + " is not valid.", InvalidKeyIdException.class);
  }

  static InvalidAllowedPatternException invalidPattern(String pattern) {
    return build(
        "InvalidAllowedPatternException",
        "The request does not meet the regular expression requirement: " + pattern,
        InvalidAllowedPatternException.class);
  }

  static ParameterPatternMismatchException patternMismatch(String pattern) {
    return build(
        "ParameterPatternMismatchException",
        "Parameter value, cannot be validated against allowedPattern: " + pattern,
        ParameterPatternMismatchException.class);
  }

  static ParameterVersionLabelLimitExceededException labelLimit() {
    return build(
        "ParameterVersionLabelLimitExceeded",
        "A parameter version can have maximum 10 labels. Move one or more labels to another"
            + " version and try again.",
        ParameterVersionLabelLimitExceededException.class);
  }

  static InvalidFilterKeyException invalidFilterKey(String key, String valid) {
    return build(
        "InvalidFilterKey",
        "The following filter key is not valid: " + key + ". Valid filter keys include: " + valid,
        InvalidFilterKeyException.class);
  }

  static InvalidFilterOptionException invalidFilterOption(String option, String valid) {
    return build(
        "InvalidFilterOption",
        "The following filter option is not valid: " + option + ". Valid options include: " + valid,
        InvalidFilterOptionException.class);
  }

  static InvalidFilterValueException invalidFilterValue(String message) {
    return build("InvalidFilterValue", message, InvalidFilterValueException.class);
  }

  static InvalidNextTokenException invalidNextToken() {
    return build(
        "InvalidNextToken", "The specified token isn't valid.", InvalidNextTokenException.class);
  }

  static InvalidResourceIdException invalidResourceId() {
    return build("InvalidResourceId", "Invalid Resource Id", InvalidResourceIdException.class);
  }

  static InvalidResourceTypeException invalidResourceType() {
    return build(
        "InvalidResourceType", "Invalid Resource Type", InvalidResourceTypeException.class);
  }

  static TooManyTagsErrorException tooManyTags() {
    return build(
        "TooManyTagsError",
        "The Targets parameter includes too many tags. Remove one or more tags and try the"
            + " command again.",
        TooManyTagsErrorException.class);
  }
}

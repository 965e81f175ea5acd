package io.emrlaunch.testkit.sfn;

import io.emrlaunch.testkit.internal.SfnService;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The errors Step Functions returns, spelled as the SDK unmarshals them. */
final class SfnErrors {
  private SfnErrors() {}

  static AwsServiceException of(String code, String message) {
    return SfnService.DESCRIPTOR.error(code, 400, message);
  }

  static AwsServiceException invalidName(String name) {
    return of("InvalidName", "Invalid Name: '" + name + "'");
  }

  static AwsServiceException invalidArn(String arn, String why) {
    return of("InvalidArn", "Invalid Arn: '" + why + ": " + arn + "'");
  }

  static AwsServiceException invalidDefinition(String why) {
    return of("InvalidDefinition", "Invalid State Machine Definition: '" + why + "'");
  }

  static AwsServiceException machineExists(String arn) {
    return of("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
  }

  static AwsServiceException machineMissing(String arn) {
    return of("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
  }

  static AwsServiceException machineDeleting(String arn) {
    return of("StateMachineDeleting", "State Machine is being deleted: '" + arn + "'");
  }

  static AwsServiceException executionExists(String arn) {
    return of("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
  }

  static AwsServiceException executionMissing(String arn) {
    return of("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  }

  static AwsServiceException resourceMissing(String arn) {
    return of("ResourceNotFound", "Resource not found: '" + arn + "'");
  }

  static AwsServiceException constraint(String field, Object value, String constraint) {
    return of(
        "ValidationException",
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + field
            + "' failed to satisfy constraint: "
            + constraint);
  }
}

package io.emrlaunch.testkit.internal;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDeletingException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * Step Functions as the client views see it: ids and error spelling (the modelled exception for
 * each error code the fake uses, else SfnException).
 */
public final class SfnService {
  private static final Map<String, Supplier<AwsServiceException.Builder>> MODELLED =
      Map.ofEntries(
          Map.entry("ValidationException", ValidationException::builder),
          Map.entry("InvalidName", InvalidNameException::builder),
          Map.entry("InvalidArn", InvalidArnException::builder),
          Map.entry("InvalidDefinition", InvalidDefinitionException::builder),
          Map.entry("InvalidExecutionInput", InvalidExecutionInputException::builder),
          Map.entry("InvalidToken", InvalidTokenException::builder),
          Map.entry("MissingRequiredParameter", MissingRequiredParameterException::builder),
          Map.entry("ResourceNotFound", ResourceNotFoundException::builder),
          Map.entry("TooManyTags", TooManyTagsException::builder),
          Map.entry("StateMachineAlreadyExists", StateMachineAlreadyExistsException::builder),
          Map.entry("StateMachineDoesNotExist", StateMachineDoesNotExistException::builder),
          Map.entry("StateMachineDeleting", StateMachineDeletingException::builder),
          Map.entry("ExecutionAlreadyExists", ExecutionAlreadyExistsException::builder),
          Map.entry("ExecutionDoesNotExist", ExecutionDoesNotExistException::builder));

  /** The Step Functions service descriptor. */
  public static final ServiceDescriptor DESCRIPTOR =
      new ServiceDescriptor(
          "sfn",
          SfnClient.SERVICE_NAME,
          "SFN",
          code -> MODELLED.getOrDefault(code, SfnException::builder).get(),
          "ThrottlingException",
          "InternalFailure");

  private SfnService() {}
}

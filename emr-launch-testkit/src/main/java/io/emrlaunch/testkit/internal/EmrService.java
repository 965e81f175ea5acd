package io.emrlaunch.testkit.internal;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.InternalServerErrorException;
import software.amazon.awssdk.services.emr.model.InternalServerException;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;

/**
 * EMR as the client views see it: ids and error spelling (modelled exceptions, else EmrException).
 */
public final class EmrService {
  /** The EMR service descriptor. */
  public static final ServiceDescriptor DESCRIPTOR =
      new ServiceDescriptor(
          "emr",
          EmrClient.SERVICE_NAME,
          "EMR",
          EmrService::builderFor,
          "ThrottlingException",
          "InternalServerError");

  private EmrService() {}

  private static AwsServiceException.Builder builderFor(String code) {
    switch (code) {
      case "InvalidRequestException":
        return InvalidRequestException.builder();
      case "InternalServerError":
        return InternalServerErrorException.builder();
      case "InternalServerException":
        return InternalServerException.builder();
      default:
        return EmrException.builder();
    }
  }
}

package io.emrlaunch.testkit.internal;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** EC2 as the client views see it: EC2 models no exceptions, every error is an Ec2Exception. */
public final class Ec2Service {
  /** The EC2 service descriptor. */
  public static final ServiceDescriptor DESCRIPTOR =
      new ServiceDescriptor(
          "ec2",
          Ec2Client.SERVICE_NAME,
          "EC2",
          code -> Ec2Exception.builder(),
          "RequestLimitExceeded",
          "InternalError");

  private Ec2Service() {}
}

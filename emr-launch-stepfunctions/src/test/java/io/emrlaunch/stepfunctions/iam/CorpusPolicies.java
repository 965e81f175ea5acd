package io.emrlaunch.stepfunctions.iam;

import io.emrlaunch.core.model.EmrProfile;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Test helper: how each corpus definition is derived — the bindings and custom statements a person
 * would give for the fields that are only known at run time.
 */
final class CorpusPolicies {
  static final String ACCOUNT = "123456789012";

  static final EmrProfile PROFILE =
      EmrProfile.builder()
          .name("etl")
          .serviceRole("EMR_DefaultRole_V2")
          .instanceRole("EMR_EC2_DefaultRole")
          .build();

  /** Per corpus file (by name prefix): what to add to the builder. */
  static final Map<String, UnaryOperator<ExecutionRolePolicy.Builder>> CONFIG =
      Map.of(
          "02-",
          b -> b.bind("Get Cluster Id", "Name", "/emr-launch/clusters/*/id"),
          "15-",
          b ->
              b.bind("Head Object", "Bucket", "acme-bootstrap")
                  .bind("Head Object", "Key", "bootstrap/*"),
          "16-",
          b -> b.bind("Process Partitions", "Key", "manifests/*.csv"),
          "17-",
          b -> b.bind("Submit Jobs", "Bucket", "acme-batch"),
          "21-",
          b -> b.bind("Read Profile", "Name", "/emr-launch/profiles/*"),
          "22-",
          b -> b.bind("Describe Table", "Name", "orders", "customers"),
          "27-",
          b ->
              b.bind("Tag Remote Cluster", "RoleArn", "arn:aws:iam::210987654321:role/emr-auditor"),
          "32-",
          b ->
              b.bind("Each Object", "ItemReader.Bucket", "acme-in")
                  .bind("Each Object", "Key", "batches/*")
                  .bind("Each Object", "ResultWriter.Bucket", "acme-out"),
          "33-",
          b ->
              b.custom(
                      "Start Query",
                      PolicyStatement.allow()
                          .actions("athena:StartQueryExecution", "athena:GetQueryExecution")
                          .resources("arn:aws:athena:us-east-1:123456789012:workgroup/primary")
                          .build())
                  .custom(
                      "Get Results",
                      PolicyStatement.allow()
                          .actions("athena:GetQueryResults")
                          .resources("arn:aws:athena:us-east-1:123456789012:workgroup/primary")
                          .build()));

  private CorpusPolicies() {}

  static ExecutionRolePolicy.Builder builderFor(String fileName, String region) {
    ExecutionRolePolicy.Builder b =
        ExecutionRolePolicy.builder()
            .region(region)
            .accountId(ACCOUNT)
            .profile(PROFILE)
            .stateMachineName("corpus-machine");
    UnaryOperator<ExecutionRolePolicy.Builder> extra = CONFIG.get(fileName.substring(0, 3));
    return extra == null ? b : extra.apply(b);
  }
}

package io.emrlaunch.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.RecordedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** plan / apply / destroy on the in-memory AWS, in virtual time. */
class ProfileProvisionerTest {
  final Fixture f = new Fixture();

  static final List<String> FRESH_APPLY_MUTATIONS =
      List.of(
          "iam:CreateRole",
          "iam:AttachRolePolicy",
          "iam:PutRolePolicy",
          "iam:CreateRole",
          "iam:PutRolePolicy",
          "iam:CreateRole",
          "iam:AttachRolePolicy",
          "iam:CreateInstanceProfile",
          "iam:AddRoleToInstanceProfile",
          "ec2:CreateSecurityGroup",
          "ec2:CreateSecurityGroup",
          "ec2:CreateSecurityGroup",
          "ec2:AuthorizeSecurityGroupIngress",
          "ec2:AuthorizeSecurityGroupIngress",
          "ec2:AuthorizeSecurityGroupIngress",
          "ec2:AuthorizeSecurityGroupEgress",
          "ec2:RevokeSecurityGroupEgress",
          "emr:CreateSecurityConfiguration",
          "ssm:PutParameter");

  static final List<String> FRESH_APPLY_READS =
      List.of(
          "iam:GetRole",
          "iam:GetRole",
          "iam:GetRole",
          "iam:GetInstanceProfile",
          "ec2:DescribeSecurityGroups",
          "ssm:GetParameter",
          "emr:DescribeSecurityConfiguration");

  static final List<String> NO_OP_APPLY_CALLS =
      List.of(
          "iam:GetRole",
          "iam:GetRole",
          "iam:GetRole",
          "iam:ListRolePolicies",
          "iam:ListRolePolicies",
          "iam:ListRolePolicies",
          "iam:GetRolePolicy",
          "iam:GetRolePolicy",
          "iam:ListAttachedRolePolicies",
          "iam:ListAttachedRolePolicies",
          "iam:ListAttachedRolePolicies",
          "iam:GetInstanceProfile",
          "ec2:DescribeSecurityGroups",
          "ssm:GetParameter",
          "emr:DescribeSecurityConfiguration");

  @Test
  void planOnAFreshAccountReadsOnlyAndCreatesEverything() {
    ProvisioningPlan plan = f.run(f.provisioner.plan(f.spec().build()));
    assertThat(Fixture.mutating(f.aws.calls())).isEmpty();
    assertThat(plan.changes())
        .extracting(PlannedChange::kind)
        .containsExactly(ResourceKind.values());
    assertThat(plan.changes()).allMatch(c -> c.action() == ChangeAction.CREATE);
    assertThat(plan.change(ResourceKind.SERVICE_ACCESS_SECURITY_GROUP).orElseThrow().reasons())
        .contains(
            "add [ingress tcp 9443 from Master]",
            "add [egress tcp 8443 to Master, egress tcp 8443 to Workers]",
            "revoke the default all-traffic egress");
  }

  @Test
  void applyCreatesTheSecurityHalfAndSavesTheProfile() {
    ProvisioningResult result = f.run(f.provisioner.apply(f.spec().build()));

    assertThat(Fixture.names(Fixture.mutating(f.aws.calls())))
        .containsExactlyElementsOf(FRESH_APPLY_MUTATIONS);
    assertThat(
            Fixture.names(
                f.aws.calls().calls().stream().filter(c -> Fixture.isRead(c.operation())).toList()))
        .containsExactlyInAnyOrderElementsOf(FRESH_APPLY_READS);
    EmrProfile profile = result.profile().orElseThrow();
    assertThat(profile.serviceRole())
        .isEqualTo("arn:aws:iam::123456789012:role/team-a_analytics-ServiceRole");
    assertThat(profile.instanceRole())
        .isEqualTo("arn:aws:iam::123456789012:role/team-a_analytics-InstanceRole");
    // Same name as the role: launches derive it, and the aws-emr-launch record format omits it.
    assertThat(profile.instanceProfile()).isEmpty();
    assertThat(profile.autoScalingRole())
        .contains("arn:aws:iam::123456789012:role/team-a_analytics-AutoScalingRole");
    assertThat(profile.securityConfigurationName().orElseThrow())
        .matches("team-a_analytics-[0-9a-f]{12}");
    assertThat(profile.logsBucket()).contains("team-a-logs");
    assertThat(f.run(f.store.profiles().get(profile.ref())).value()).isEqualTo(profile);

    // Roles: owned, tagged, with the managed policies EMR documents.
    Role service = f.aws.iam().getRole(r -> r.roleName("team-a_analytics-ServiceRole")).role();
    assertThat(service.tags())
        .contains(
            Tag.builder().key(ProfileProvisioner.OWNER_TAG).value("team-a/analytics").build(),
            Tag.builder().key("cost-center").value("42").build());
    assertThat(
            f.aws
                .iam()
                .listAttachedRolePolicies(r -> r.roleName("team-a_analytics-ServiceRole"))
                .attachedPolicies())
        .extracting(AttachedPolicy::policyArn)
        .containsExactly("arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2");
    assertThat(
            f.aws
                .iam()
                .getInstanceProfile(r -> r.instanceProfileName("team-a_analytics-InstanceRole"))
                .instanceProfile()
                .roles())
        .extracting(Role::roleName)
        .containsExactly("team-a_analytics-InstanceRole");

    // Groups: the EMR tag, no ingress from anywhere, the service-access rules of private subnets.
    SecurityGroup master = group(profile.masterSecurityGroup().orElseThrow());
    SecurityGroup workers = group(profile.workersSecurityGroup().orElseThrow());
    SecurityGroup service2 = group(profile.serviceAccessSecurityGroup().orElseThrow());
    for (SecurityGroup g : List.of(master, workers, service2)) {
      assertThat(g.vpcId()).isEqualTo(f.vpcId);
      assertThat(g.tags())
          .contains(
              software.amazon.awssdk.services.ec2.model.Tag.builder()
                  .key(ProfileProvisioner.EMR_MANAGED_POLICY_TAG)
                  .value("true")
                  .build());
      assertThat(g.ipPermissions()).flatExtracting(IpPermission::ipRanges).isEmpty();
    }
    assertThat(rules(service2.ipPermissions()))
        .containsExactly("tcp 9443-9443 " + master.groupId());
    assertThat(rules(service2.ipPermissionsEgress()))
        .containsExactlyInAnyOrder(
            "tcp 8443-8443 " + master.groupId(), "tcp 8443-8443 " + workers.groupId());
    assertThat(rules(master.ipPermissions()))
        .containsExactlyInAnyOrder(
            "tcp 0-65535 " + master.groupId(),
            "udp 0-65535 " + master.groupId(),
            "icmp -1--1 " + master.groupId(),
            "tcp 0-65535 " + workers.groupId(),
            "udp 0-65535 " + workers.groupId(),
            "icmp -1--1 " + workers.groupId(),
            "tcp 8443-8443 " + service2.groupId());
    assertThat(rules(master.ipPermissionsEgress())).containsExactly("-1 null-null 0.0.0.0/0");

    // The security configuration holds toEmrJson().
    assertThat(
            f.aws
                .emr()
                .describeSecurityConfiguration(
                    r -> r.name(profile.securityConfigurationName().orElseThrow()))
                .securityConfiguration())
        .isEqualTo(Fixture.securityConfiguration(Fixture.KEY).toEmrJson());
  }

  @Test
  void aSecondApplyMakesNoMutatingCall() {
    ProvisioningSpec spec = f.spec().build();
    EmrProfile first = f.run(f.provisioner.apply(spec)).profile().orElseThrow();
    f.aws.calls().reset();

    ProvisioningResult again = f.run(f.provisioner.apply(spec));

    assertThat(again.plan().isNoOp()).isTrue();
    assertThat(Fixture.mutating(f.aws.calls())).isEmpty();
    assertThat(again.profile()).contains(first);
    assertThat(Fixture.names(f.aws.calls().calls()))
        .containsExactlyInAnyOrderElementsOf(NO_OP_APPLY_CALLS);
  }

  @Test
  void changingTheLogsBucketPlansExactlyThatUpdate() {
    f.run(f.provisioner.apply(f.spec().build()));
    ProvisioningSpec moved = f.spec().logsBucket("team-a-logs-v2").build();
    f.aws.calls().reset();

    ProvisioningPlan plan = f.run(f.provisioner.plan(moved));

    assertThat(Fixture.mutating(f.aws.calls())).isEmpty();
    assertThat(plan.mutations())
        .containsExactly(
            new PlannedChange(
                ResourceKind.INSTANCE_ROLE,
                "team-a_analytics-InstanceRole",
                ChangeAction.UPDATE,
                List.of("update inline policy emr-launch-instance")),
            new PlannedChange(
                ResourceKind.PROFILE_RECORD,
                "team-a/analytics",
                ChangeAction.UPDATE,
                List.of("logsBucket: team-a-logs -> team-a-logs-v2")));

    f.aws.calls().reset();
    EmrProfile saved = f.run(f.provisioner.apply(moved)).profile().orElseThrow();
    assertThat(Fixture.names(Fixture.mutating(f.aws.calls())))
        .containsExactly("iam:PutRolePolicy", "ssm:PutParameter");
    assertThat(saved.logsBucket()).contains("team-a-logs-v2");
    assertThat(f.run(f.provisioner.plan(moved)).isNoOp()).isTrue();
  }

  @Test
  void aChangedSecurityConfigurationGetsANewNameAndTheOldOneGoesWhenUnused() {
    String oldName =
        f.run(f.provisioner.apply(f.spec().build()))
            .profile()
            .orElseThrow()
            .securityConfigurationName()
            .orElseThrow();
    // A cluster uses the old configuration.
    String clusterId =
        f.aws
            .emr()
            .runJobFlow(
                r ->
                    r.name("uses-old")
                        .releaseLabel("emr-7.5.0")
                        .serviceRole("EMR_DefaultRole")
                        .jobFlowRole("EMR_EC2_DefaultRole")
                        .securityConfiguration(oldName)
                        .applications(Application.builder().name("Spark").build())
                        .instances(
                            JobFlowInstancesConfig.builder()
                                .masterInstanceType("m5.xlarge")
                                .instanceCount(1)
                                .keepJobFlowAliveWhenNoSteps(true)
                                .build()))
            .jobFlowId();
    String otherKey = "arn:aws:kms:us-east-1:123456789012:key/3333-4444";
    ProvisioningSpec changed =
        f.spec().securityConfiguration(Fixture.securityConfiguration(otherKey)).build();

    ProvisioningPlan plan = f.run(f.provisioner.plan(changed));
    PlannedChange sc = plan.change(ResourceKind.SECURITY_CONFIGURATION).orElseThrow();
    assertThat(sc.action()).isEqualTo(ChangeAction.CREATE);
    assertThat(sc.name()).isNotEqualTo(oldName).startsWith("team-a_analytics-");
    assertThat(sc.reasons().get(0)).contains(oldName + " is deleted once no active cluster");

    ProvisioningResult kept = f.run(f.provisioner.apply(changed));
    assertThat(kept.notes()).singleElement().asString().contains(oldName, clusterId);
    assertThat(securityConfigurations()).containsExactlyInAnyOrder(oldName, sc.name());

    // The record now names the new configuration, so the old one is no longer known to apply;
    // destroy of the old spec would find it. Terminate the cluster and re-apply the old content:
    f.aws.emr().terminateJobFlows(r -> r.jobFlowIds(clusterId));
    f.aws.time().advance(Duration.ofHours(1));
    ProvisioningResult back = f.run(f.provisioner.apply(f.spec().build()));
    assertThat(back.profile().orElseThrow().securityConfigurationName()).contains(oldName);
    assertThat(back.notes()).isEmpty();
    assertThat(securityConfigurations()).containsExactly(oldName);
  }

  @Test
  void destroyRemovesWhatItOwnsAndNeverTouchesAResourceWithoutTheTag() {
    ProvisioningSpec spec = f.spec().build();
    f.run(f.provisioner.apply(spec));
    // Someone takes over the auto-scaling role: without our tag it is no longer ours.
    f.aws
        .iam()
        .untagRole(
            r ->
                r.roleName("team-a_analytics-AutoScalingRole")
                    .tagKeys(ProfileProvisioner.OWNER_TAG));
    f.aws.calls().reset();

    ProvisioningResult result = f.run(f.provisioner.destroy(spec));

    assertThat(result.plan().change(ResourceKind.AUTO_SCALING_ROLE).orElseThrow())
        .isEqualTo(
            new PlannedChange(
                ResourceKind.AUTO_SCALING_ROLE,
                "team-a_analytics-AutoScalingRole",
                ChangeAction.UNCHANGED,
                List.of("not owned: left alone")));
    for (RecordedCall call : Fixture.mutating(f.aws.calls())) {
      assertThat(String.valueOf(call.request()))
          .as(call.toString())
          .doesNotContain("team-a_analytics-AutoScalingRole");
    }
    assertThat(f.aws.iamBackend().roleNames()).containsExactly("team-a_analytics-AutoScalingRole");
    assertThat(f.aws.iamBackend().instanceProfileNames()).isEmpty();
    assertThat(
            f.aws
                .ec2()
                .describeSecurityGroups(
                    r ->
                        r.filters(
                            Filter.builder()
                                .name("tag-key")
                                .values(ProfileProvisioner.OWNER_TAG)
                                .build()))
                .securityGroups())
        .isEmpty();
    assertThat(securityConfigurations()).isEmpty();
    assertThat(f.run(f.store.profiles().find(spec.ref()))).isEmpty();
  }

  @Test
  void destroyRefusesWhileAnActiveClusterUsesTheProfile() {
    EmrProfile p = f.run(f.provisioner.apply(f.spec().build())).profile().orElseThrow();
    f.aws
        .emr()
        .runJobFlow(
            r ->
                r.name("busy")
                    .releaseLabel("emr-7.5.0")
                    .serviceRole(p.serviceRole())
                    .jobFlowRole("x")
                    .securityConfiguration(p.securityConfigurationName().orElseThrow())
                    .instances(
                        JobFlowInstancesConfig.builder()
                            .masterInstanceType("m5.xlarge")
                            .instanceCount(1)
                            .keepJobFlowAliveWhenNoSteps(true)
                            .build()));
    f.aws.calls().reset();
    assertThatThrownBy(() -> f.run(f.provisioner.destroy(f.spec().build())))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("SECURITY_CONFIGURATION");
    assertThat(Fixture.mutating(f.aws.calls())).isEmpty();
  }

  @Test
  void aSameNamedGroupWithoutTheTagIsRefusedBeforeAnyChange() {
    f.aws
        .ec2()
        .createSecurityGroup(
            r -> r.vpcId(f.vpcId).groupName("team-a_analytics-Master").description("someone's"));
    f.aws.calls().reset();
    assertThatThrownBy(() -> f.run(f.provisioner.apply(f.spec().build())))
        .cause()
        .isInstanceOfSatisfying(
            ResourceNotOwnedException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ResourceKind.MASTER_SECURITY_GROUP);
              assertThat(e.resourceName()).startsWith("team-a_analytics-Master (sg-");
            });
    assertThat(Fixture.mutating(f.aws.calls())).isEmpty();
  }

  @Test
  void newRolesThatAreNotYetVisibleAreRetriedWithBackOff() {
    f.aws.iamBackend().newRolesVisibleAfter(Duration.ofSeconds(3));
    Instant start = f.aws.time().now();

    EmrProfile profile = f.run(f.provisioner.apply(f.spec().build())).profile().orElseThrow();

    assertThat(profile.serviceRole()).endsWith("ServiceRole");
    List<RecordedCall> attach = f.aws.calls().calls("iam", "AttachRolePolicy");
    assertThat(attach.get(0).error()).get().asString().contains("NoSuchEntity");
    assertThat(attach.get(attach.size() - 1).succeeded()).isTrue();
    // 500 ms, 1 s, 2 s: the fourth attempt is the first after 3 s.
    assertThat(f.aws.calls().calls("iam", "AttachRolePolicy").stream().filter(c -> !c.succeeded()))
        .hasSize(3 + 3);
    assertThat(Duration.between(start, f.aws.time().now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void retriesAreBoundedAndAnotherApplyResumes() {
    f.aws.iamBackend().newRolesVisibleAfter(Duration.ofMinutes(30));
    assertThatThrownBy(() -> f.run(f.provisioner.apply(f.spec().build())))
        .cause()
        .isInstanceOfSatisfying(
            ProvisioningException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ResourceKind.SERVICE_ROLE);
              assertThat(e.resourceName()).isEqualTo("team-a_analytics-ServiceRole");
              assertThat(e.getMessage()).contains("AttachRolePolicy", "apply again to resume");
            });
    assertThat(f.aws.calls().count("iam", "AttachRolePolicy")).isEqualTo(8);
    assertThat(f.aws.iamBackend().roleNames()).containsExactly("team-a_analytics-ServiceRole");

    f.aws.iamBackend().newRolesVisibleAfter(Duration.ZERO);
    ProvisioningResult resumed = f.run(f.provisioner.apply(f.spec().build()));
    assertThat(resumed.plan().change(ResourceKind.SERVICE_ROLE).orElseThrow().action())
        .isEqualTo(ChangeAction.UPDATE);
    assertThat(f.run(f.provisioner.plan(f.spec().build())).isNoOp()).isTrue();
  }

  @Test
  void throttlingIsRetriedAndAServerErrorOnACreateStopsARunThatResumes() {
    f.aws.faults().on(FakeAws.EC2, "CreateSecurityGroup").next(2).throttle();
    f.aws.faults().on(FakeAws.EC2, "AuthorizeSecurityGroupIngress").next(1).serverError();
    f.aws.faults().on(FakeAws.EMR, "CreateSecurityConfiguration").next(1).serverError();

    assertThatThrownBy(() -> f.run(f.provisioner.apply(f.spec().build())))
        .cause()
        .isInstanceOfSatisfying(
            ProvisioningException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ResourceKind.SECURITY_CONFIGURATION);
              assertThat(e.getMessage()).contains("CreateSecurityConfiguration");
            });
    ProvisioningPlan rest = f.run(f.provisioner.plan(f.spec().build()));
    assertThat(rest.mutations())
        .extracting(PlannedChange::kind)
        .containsExactly(ResourceKind.SECURITY_CONFIGURATION, ResourceKind.PROFILE_RECORD);

    f.run(f.provisioner.apply(f.spec().build()));
    assertThat(f.run(f.provisioner.plan(f.spec().build())).isNoOp()).isTrue();
  }

  @Test
  void aLostCreateRoleResponseIsResumedByTheNextApply() {
    f.aws.faults().on(FakeAws.IAM, "CreateRole").next(1).loseResponse();
    assertThatThrownBy(() -> f.run(f.provisioner.apply(f.spec().build())))
        .cause()
        .isInstanceOf(ProvisioningException.class);
    ProvisioningResult resumed = f.run(f.provisioner.apply(f.spec().build()));
    assertThat(resumed.plan().change(ResourceKind.SERVICE_ROLE).orElseThrow().action())
        .isEqualTo(ChangeAction.UPDATE);
    assertThat(f.run(f.provisioner.plan(f.spec().build())).isNoOp()).isTrue();
  }

  @Test
  void anInvalidSpecNamesEveryFieldAndCallsNothing() {
    ProvisioningSpec bad =
        f.spec()
            .vpcId("subnet-1")
            .logsBucket("Not_A_Bucket")
            .addKmsKeyArn("key-1")
            .iamPath("emr")
            .putTag("aws:reserved", "x")
            .build();
    assertThatThrownBy(() -> f.provisioner.apply(bad).join())
        .cause()
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::path)
                    .containsExactlyInAnyOrder(
                        "vpcId", "logsBucket", "kmsKeyArns[1]", "iamPath", "tags.aws:reserved"));
    assertThat(f.aws.calls().total()).isZero();
  }

  private SecurityGroup group(String id) {
    return f.aws.ec2().describeSecurityGroups(r -> r.groupIds(id)).securityGroups().get(0);
  }

  private List<String> securityConfigurations() {
    return f.aws.emr().listSecurityConfigurations().securityConfigurations().stream()
        .map(s -> s.name())
        .toList();
  }

  static List<String> rules(List<IpPermission> permissions) {
    return permissions.stream()
        .flatMap(
            p ->
                java.util.stream.Stream.concat(
                        p.userIdGroupPairs().stream().map(UserIdGroupPair::groupId),
                        p.ipRanges().stream().map(IpRange::cidrIp))
                    .map(
                        peer ->
                            p.ipProtocol() + " " + p.fromPort() + "-" + p.toPort() + " " + peer))
        .toList();
  }
}

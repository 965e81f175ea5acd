package io.emrlaunch.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.launch.RunJobFlowRequests;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.LaunchInputs;
import io.emrlaunch.core.repository.RecordFormat;
import io.emrlaunch.core.repository.StoredRecord;
import io.emrlaunch.ssm.support.Records;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.ssm.FakeSsm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * Records as the Python aws-emr-launch library stores them (hand-written from its {@code to_json()}
 * field lists: inventory §1.7, §2.7, §3.5) load through the SSM store and launch; ours written in
 * that format read back the same.
 */
class AwsEmrLaunchCompatibilityTest {
  FakeAws aws;
  FakeSsm ssm;
  SsmRecordStore store;

  @BeforeEach
  void setUp() {
    aws = FakeAws.create();
    ssm = aws.ssmBackend();
    store = SsmRecordStore.builder().client(aws.ssmAsync()).build();
  }

  static String fixture(String name) {
    try (InputStream in =
        AwsEmrLaunchCompatibilityTest.class.getResourceAsStream("/aws-emr-launch/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a CDK deployment of aws-emr-launch puts into Parameter Store. */
  void deployAsPython(String path, String fixture) {
    ssm.putParameter(
        r -> r.name(path).type("String").tier("Intelligent-Tiering").value(fixture(fixture)));
  }

  @Test
  void pythonRecordsLoadAndLaunch() {
    deployAsPython("/emr_launch/emr_profiles/analytics/secure", "profile.json");
    deployAsPython(
        "/emr_launch/cluster_configurations/analytics/spark-small", "configuration.json");
    deployAsPython(
        "/emr_launch/emr_launch_functions/analytics/nightly-etl", "launch-function.json");

    StoredRecord<LaunchFunction> fn =
        store.launchFunctions().blocking().get(RecordRef.of("analytics", "nightly-etl"));
    assertThat(fn.format()).isEqualTo(RecordFormat.AWS_EMR_LAUNCH);
    assertThat(fn.value().profile()).isEqualTo(RecordRef.of("analytics", "secure"));
    assertThat(fn.value().configuration()).isEqualTo(RecordRef.of("analytics", "spark-small"));

    LaunchInputs in = store.loadLaunchInputs(fn.value()).join();
    assertThat(aws.calls().count(FakeAws.SSM, "GetParameters")).isEqualTo(1);
    RunJobFlowRequest r =
        RunJobFlowRequests.from(
            in.profile().value(),
            in.configuration().value(),
            fn.value().clusterName(),
            fn.value().clusterTags());

    assertThat(r.name()).isEqualTo("nightly-etl");
    assertThat(r.releaseLabel()).isEqualTo("emr-6.15.0");
    assertThat(r.applications())
        .extracting(a -> a.name())
        .containsExactly("Hadoop", "Hive", "Spark");
    assertThat(r.serviceRole()).isEqualTo("analytics_secure-ServiceRole");
    assertThat(r.jobFlowRole()).isEqualTo("analytics_secure-InstanceRole");
    assertThat(r.autoScalingRole()).isEqualTo("analytics_secure-AutoScalingRole");
    assertThat(r.securityConfiguration())
        .isEqualTo("analytics-secure-SecurityConfiguration-1A2B3C4D5E6F");
    assertThat(r.logUri()).isEqualTo("s3://analytics-logs/elasticmapreduce/nightly-etl");
    assertThat(r.instances().ec2SubnetId()).isEqualTo("subnet-0abc1234def567890");
    assertThat(r.instances().emrManagedMasterSecurityGroup()).isEqualTo("sg-0123456789abcdef0");
    assertThat(r.instances().emrManagedSlaveSecurityGroup()).isEqualTo("sg-0123456789abcdef1");
    assertThat(r.instances().serviceAccessSecurityGroup()).isEqualTo("sg-0123456789abcdef2");
    Map<InstanceRoleType, InstanceGroupConfig> groups =
        r.instances().instanceGroups().stream()
            .collect(Collectors.toMap(InstanceGroupConfig::instanceRole, g -> g));
    assertThat(groups.get(InstanceRoleType.MASTER).instanceType()).isEqualTo("m5.2xlarge");
    assertThat(groups.get(InstanceRoleType.CORE).instanceCount()).isEqualTo(2);
    assertThat(r.bootstrapActions())
        .extracting(b -> b.scriptBootstrapAction().path())
        .containsExactly("s3://analytics-artifacts/emr/bootstrap/install.sh");
    assertThat(r.configurations())
        .extracting(c -> c.classification())
        .containsExactly("spark-defaults", "spark-env");
    assertThat(r.tags())
        .contains(
            Tag.builder().key("team").value("analytics").build(),
            Tag.builder().key("pipeline").value("nightly").build());
  }

  @Test
  void everyKindRoundTripsInThePythonFormatAndWritesPythonKeys() {
    EmrProfile p = Records.profile("team-a", "analytics");
    ClusterConfiguration c = Records.configuration("team-a", "spark-small");
    LaunchFunction f = Records.launchFunction("team-a", "nightly");
    store.profiles().blocking().create(p);
    store.configurations().blocking().create(c);
    store.launchFunctions().blocking().create(f);

    assertThat(raw("/emr_launch/emr_profiles/team-a/analytics"))
        .contains("\"ProfileName\"")
        .doesNotContain("schemaVersion");
    assertThat(raw("/emr_launch/cluster_configurations/team-a/spark-small"))
        .contains("\"ConfigurationName\"");
    assertThat(raw("/emr_launch/emr_launch_functions/team-a/nightly"))
        .contains("\"LaunchFunctionName\"");

    // These values use only what Python's records carry: they come back unchanged.
    assertThat(store.profiles().blocking().get(p.ref()).value()).isEqualTo(p);
    assertThat(store.configurations().blocking().get(c.ref()).value()).isEqualTo(c);
    assertThat(store.launchFunctions().blocking().get(f.ref()).value()).isEqualTo(f);
    assertThat(store.profiles().blocking().get(p.ref()).value().name()).isEqualTo("analytics");
    assertThat(store.configurations().blocking().get(c.ref()).value().releaseLabel())
        .isEqualTo("emr-7.5.0");
  }

  @Test
  void eachStoreReadsTheOtherFormat() {
    SsmRecordStore ours =
        SsmRecordStore.builder().client(aws.ssmAsync()).format(RecordFormat.EMR_LAUNCH).build();
    EmrProfile p = Records.profile("team-a", "analytics");
    ours.profiles().blocking().save(p);
    StoredRecord<EmrProfile> readByPythonStyleStore = store.profiles().blocking().get(p.ref());
    assertThat(readByPythonStyleStore.format()).isEqualTo(RecordFormat.EMR_LAUNCH);
    assertThat(readByPythonStyleStore.value()).isEqualTo(p);

    deployAsPython("/emr_launch/emr_profiles/analytics/secure", "profile.json");
    StoredRecord<EmrProfile> python =
        ours.profiles().blocking().get(RecordRef.of("analytics", "secure"));
    assertThat(python.format()).isEqualTo(RecordFormat.AWS_EMR_LAUNCH);
    assertThat(python.value().serviceRole())
        .isEqualTo("arn:aws:iam::123456789012:role/analytics_secure-ServiceRole");
    assertThat(ours.profiles().blocking().list("analytics")).hasSize(1);
  }

  private String raw(String name) {
    return ssm.getParameter(r -> r.name(name)).parameter().value();
  }
}

package io.emrlaunch.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 14, D3, D4, D8, D9: records that must be refused with a typed error and a path. */
class BrokenRecordsTest {

  private static String awsConfig() throws Exception {
    return AwsEmrLaunchFormatTest.resource("configuration-instance-groups.json");
  }

  private static List<String> paths(ValidationException e) {
    return e.problems().stream().map(Problem::path).toList();
  }

  private static ValidationException refused(Runnable read) {
    try {
      read.run();
    } catch (ValidationException e) {
      return e;
    }
    throw new AssertionError("the record was accepted");
  }

  // ---- D3: no silent integer wrap, truncation or saturation ----

  @Test
  void d3_awsInstanceCountBeyondIntIsRefusedNotWrapped() throws Exception {
    for (String n : List.of("4294967298", "18446744073709551619", "1e300", "2.7", "-1e999")) {
      String record = awsConfig().replace("\"InstanceCount\": 2", "\"InstanceCount\": " + n);
      assertThat(record).contains(n);
      ValidationException e = refused(() -> AwsEmrLaunchFormat.configurations().read(record));
      assertThat(paths(e))
          .as(n)
          .contains("ClusterConfiguration.Instances.InstanceGroups[1].InstanceCount");
    }
  }

  @Test
  void d3_ownFormatFractionalOrHugeInstanceCountIsRefused() {
    ClusterConfiguration c =
        ClusterConfiguration.builder()
            .name("c")
            .releaseLabel("emr-7.5.0")
            .instances(
                ClusterInstances.builder()
                    .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
                    .coreGroup(InstanceGroupConfig.of("Core", "m5.xlarge", 2))
                    .build())
            .build();
    RecordCodec<ClusterConfiguration> codec = EmrLaunchFormat.of(ClusterConfiguration.class);
    String json = codec.write(c);
    assertThat(json).contains("\"instanceCount\":2");
    for (String n : List.of("2.7", "4294967298", "1e300")) {
      ValidationException e =
          refused(() -> codec.read(json.replace("\"instanceCount\":2", "\"instanceCount\":" + n)));
      assertThat(paths(e)).as(n).anyMatch(p -> p.endsWith("instanceCount"));
    }
  }

  // ---- D4: an object where a list belongs ----

  @Test
  void d4_emrFsRoleMappingsAsObjectIsAProblemNotAnNpe() throws Exception {
    String record =
        AwsEmrLaunchFormatTest.resource("profile-sse-kms.json")
            .replaceFirst(
                "\"EmrFsConfiguration\"\\s*:\\s*(null|\\{)",
                "\"EmrFsConfiguration\": {\"RoleMappings\": {\"a\": 1}}, \"Ignored\": $1");
    ValidationException e = refused(() -> AwsEmrLaunchFormat.profiles().read(record));
    assertThat(paths(e)).contains("EmrFsConfiguration.RoleMappings");
  }

  @Test
  void d4_configurationArtifactsAsObjectIsAProblemNotAnNpe() throws Exception {
    String record =
        awsConfig()
            .replaceFirst(
                "\"ConfigurationArtifacts\"\\s*:\\s*\\[[^\\]]*\\]",
                "\"ConfigurationArtifacts\": {\"a\": 1}");
    assertThat(record).contains("{\"a\": 1}");
    ValidationException e = refused(() -> AwsEmrLaunchFormat.configurations().read(record));
    assertThat(paths(e)).contains("ConfigurationArtifacts");
    String items = record.replace("{\"a\": 1}", "[1, \"x\", null]");
    ValidationException e2 = refused(() -> AwsEmrLaunchFormat.configurations().read(items));
    assertThat(paths(e2)).contains("ConfigurationArtifacts[0]", "ConfigurationArtifacts[2]");
  }

  // ---- D8: null text ----

  @Test
  void d8_nullTextIsAValidationExceptionInEveryCodec() {
    for (RecordCodec<?> codec :
        List.of(
            EmrLaunchFormat.of(EmrProfile.class),
            EmrLaunchFormat.of(ClusterConfiguration.class),
            AwsEmrLaunchFormat.profiles(),
            AwsEmrLaunchFormat.configurations(),
            AwsEmrLaunchFormat.launchFunctions())) {
      assertThatThrownBy(() -> codec.read(null)).isInstanceOf(ValidationException.class);
    }
  }

  // ---- D9: decoding validates, and never converts types silently ----

  @Test
  void d9_numberIsNotReadAsText() {
    RecordCodec<EmrProfile> codec = EmrLaunchFormat.of(EmrProfile.class);
    String json =
        "{\"name\":\"p\",\"serviceRole\":\"EMR_DefaultRole\",\"instanceRole\":\"EMR_EC2\","
            + "\"logsBucket\":68}";
    ValidationException e = refused(() -> codec.read(json));
    assertThat(paths(e)).contains("logsBucket");
    assertThat(codec.read(json.replace("68", "\"my-logs\"")).logsBucket()).contains("my-logs");
  }

  @Test
  void d9_awsNumberIsNotReadAsText() throws Exception {
    String record =
        AwsEmrLaunchFormatTest.resource("profile-sse-kms.json")
            .replaceFirst("\"LogsBucket\"\\s*:\\s*\"[^\"]*\"", "\"LogsBucket\": 68");
    assertThat(record).contains("\"LogsBucket\": 68");
    ValidationException e = refused(() -> AwsEmrLaunchFormat.profiles().read(record));
    assertThat(paths(e)).contains("LogsBucket");
  }

  @Test
  void d9_ownFormatDecodingValidates() {
    RecordCodec<EmrProfile> codec = EmrLaunchFormat.of(EmrProfile.class);
    // well-typed, but not a valid profile: the security group is no sg- id
    String json =
        "{\"name\":\"p\",\"serviceRole\":\"EMR_DefaultRole\",\"instanceRole\":\"EMR_EC2\","
            + "\"masterSecurityGroup\":\"*\"}";
    ValidationException e = refused(() -> codec.read(json));
    assertThat(paths(e)).contains("masterSecurityGroup");
  }

  @Test
  void d9_awsFormatDecodingValidates() throws Exception {
    String record =
        AwsEmrLaunchFormatTest.resource("profile-sse-kms.json")
            .replace("sg-0a1b2c3d4e5f60001", "*");
    ValidationException e = refused(() -> AwsEmrLaunchFormat.profiles().read(record));
    assertThat(paths(e)).contains("masterSecurityGroup");
  }
}

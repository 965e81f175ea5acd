package io.emrlaunch.stepfunctions.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.repository.ParameterLayout;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.stepfunctions.asl.AslValidatorCli;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import io.emrlaunch.stepfunctions.iam.ExecutionRolePolicy;
import io.emrlaunch.stepfunctions.local.LocalEngine;
import io.emrlaunch.stepfunctions.local.LocalExecution;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.ClusterFailure;
import io.emrlaunch.testkit.emr.ClusterScript;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * The JSONata launch function against the JSONPath one, in the local engine on FakeAws: for the
 * same records, options and input, both end with the same status, error, cause and output, leave
 * the same clusters (name, state, tags) and publish the same notifications. The scenarios cover
 * every behaviour the JSONPath tests pin: the record mapping (roles, groups, security
 * configuration, every log-prefix form), each override check, the allow-list, both override keys,
 * the tag merge and its limits, every spelling of FailIfClusterRunning with paged ListClusters, a
 * missing record, secrets, a cluster that fails or does not start (aws-sdk), fire and forget, and
 * the success and failure topics.
 */
class LaunchFunctionQueryLanguageTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOPIC_OK = "arn:aws:sns:us-east-1:123456789012:launch-ok";
  static final String TOPIC_FAILED = "arn:aws:sns:us-east-1:123456789012:launch-failed";

  /** One launch: the records, the machine's options, the world, the input. */
  record Scenario(
      String name,
      ServiceIntegration integration,
      EmrProfile profile,
      ClusterConfiguration configuration,
      LaunchFunction function,
      UnaryOperator<LaunchFunctionMachine.Builder> options,
      EmrBehavior behavior,
      boolean saveConfiguration,
      int sameNameRunning,
      int otherRunning,
      String input) {
    @Override
    public String toString() {
      return name + " (" + integration + ")";
    }

    Scenario input(String name, String input) {
      return new Scenario(
          name,
          integration,
          profile,
          configuration,
          function,
          options,
          behavior,
          saveConfiguration,
          sameNameRunning,
          otherRunning,
          input);
    }

    Scenario with(String name, UnaryOperator<Builder> change) {
      Builder b = new Builder(this);
      b.name = name;
      return change.apply(b).build();
    }
  }

  /** A mutable copy of a scenario. */
  static final class Builder {
    String name;
    ServiceIntegration integration;
    EmrProfile profile;
    ClusterConfiguration configuration;
    LaunchFunction function;
    UnaryOperator<LaunchFunctionMachine.Builder> options;
    EmrBehavior behavior;
    boolean saveConfiguration;
    int sameNameRunning;
    int otherRunning;
    String input;

    Builder(Scenario s) {
      name = s.name();
      integration = s.integration();
      profile = s.profile();
      configuration = s.configuration();
      function = s.function();
      options = s.options();
      behavior = s.behavior();
      saveConfiguration = s.saveConfiguration();
      sameNameRunning = s.sameNameRunning();
      otherRunning = s.otherRunning();
      input = s.input();
    }

    Builder profile(EmrProfile p) {
      profile = p;
      return this;
    }

    Builder configuration(ClusterConfiguration c) {
      configuration = c;
      return this;
    }

    Builder function(LaunchFunction f) {
      function = f;
      return this;
    }

    Builder options(UnaryOperator<LaunchFunctionMachine.Builder> o) {
      options = o;
      return this;
    }

    Builder behavior(EmrBehavior b) {
      behavior = b;
      return this;
    }

    Builder withoutConfiguration() {
      saveConfiguration = false;
      return this;
    }

    Builder running(int sameName, int other) {
      sameNameRunning = sameName;
      otherRunning = other;
      return this;
    }

    Scenario build() {
      return new Scenario(
          name,
          integration,
          profile,
          configuration,
          function,
          options,
          behavior,
          saveConfiguration,
          sameNameRunning,
          otherRunning,
          input);
    }
  }

  static EmrBehavior motoLike() {
    return EmrBehavior.builder()
        .startingTime(DurationDistribution.fixed(Duration.ZERO))
        .bootstrappingTime(DurationDistribution.fixed(Duration.ZERO))
        .build();
  }

  static LaunchFunction functionWith(AllowedOverride... extra) {
    return LaunchFunction.builder()
        .from(SampleRecords.launchFunction())
        .addAllowedOverrides(extra)
        .build();
  }

  static String overrides(String json) {
    return "{\"ClusterConfigurationOverrides\":" + json + "}";
  }

  static String tags(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> "{\"Key\":\"k" + i + "\",\"Value\":\"v\"}")
        .collect(Collectors.joining(",", "{\"Tags\":[", "]}"));
  }

  static Stream<Scenario> scenarios() {
    List<Scenario> out = new ArrayList<>();
    for (ServiceIntegration integration : ServiceIntegration.values()) {
      Scenario base =
          new Scenario(
              "no input",
              integration,
              SampleRecords.profile(),
              SampleRecords.configuration(),
              functionWith(
                  AllowedOverride.builder()
                      .name("Visible")
                      .path("visibleToAllUsers")
                      .type(OverrideType.BOOLEAN)
                      .addAllowedValues("true")
                      .build(),
                  AllowedOverride.builder()
                      .name("EbsRootVolumeSize")
                      .path("ebsRootVolumeSize")
                      .type(OverrideType.INTEGER)
                      .minimum(0.0)
                      .maximum(100.0)
                      .addAllowedValues("15", "20")
                      .build()),
              b -> b,
              motoLike(),
              true,
              0,
              0,
              "{}");
      out.add(base);
      out.add(
          base.input(
              "overrides and a runtime tag",
              "{\"ClusterConfigurationOverrides\":{\"ClusterName\":\"adhoc-etl\","
                  + "\"CoreInstanceCount\":5,\"CoreInstanceType\":\"r5.2xlarge\",\"Visible\":true,"
                  + "\"EbsRootVolumeSize\":20},"
                  + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"from-input\"}]}"));
      out.add(
          base.input(
              "older overrides key", "{\"ClusterConfigOverrides\":{\"ClusterName\":\"x\"}}"));
      out.add(
          base.input(
              "both override keys: the newer wins",
              "{\"ClusterConfigurationOverrides\":{\"ClusterName\":\"new\"},"
                  + "\"ClusterConfigOverrides\":{\"ClusterName\":\"old\"}}"));
      out.add(base.input("overrides null", overrides("null")));
      out.add(base.input("overrides empty", overrides("{}")));
      out.add(base.input("overrides a string", overrides("\"CoreInstanceCount=3\"")));
      out.add(base.input("overrides a number", overrides("3")));
      out.add(base.input("overrides a list", overrides("[1]")));
      out.add(base.input("unknown override", overrides("{\"CoreInstanceCount\":3,\"Bogus\":1}")));
      out.add(base.input("only an unknown override", overrides("{\"Bogus\":\"x\"}")));
      out.add(base.input("above the maximum", overrides("{\"CoreInstanceCount\":11}")));
      out.add(base.input("below the minimum", overrides("{\"CoreInstanceCount\":0}")));
      out.add(base.input("a bound of 0 counts", overrides("{\"EbsRootVolumeSize\":-1}")));
      out.add(base.input("not a whole number", overrides("{\"CoreInstanceCount\":2.5}")));
      out.add(base.input("a number as text", overrides("{\"CoreInstanceCount\":\"3\"}")));
      out.add(base.input("a null value", overrides("{\"CoreInstanceCount\":null}")));
      out.add(base.input("a string as a number", overrides("{\"ClusterName\":7}")));
      out.add(base.input("a boolean as text", overrides("{\"Visible\":\"true\"}")));
      out.add(base.input("a boolean not allowed", overrides("{\"Visible\":false}")));
      out.add(base.input("a value not allowed", overrides("{\"CoreInstanceType\":\"m4.large\"}")));
      out.add(base.input("a number not allowed", overrides("{\"EbsRootVolumeSize\":16}")));
      out.add(
          base.input(
              "two bad overrides: the first in allow-list order",
              overrides("{\"CoreInstanceType\":\"m4.large\",\"ClusterName\":1}")));
      out.add(base.input("tags an object", "{\"Tags\":{\"team\":\"data\"}}"));
      out.add(base.input("tags a string", "{\"Tags\":\"team=data\"}"));
      out.add(base.input("tags null", "{\"Tags\":null}"));
      out.add(base.input("tags empty", "{\"Tags\":[]}"));
      out.add(base.input("47 runtime tags: 50 in all", tags(47)));
      out.add(base.input("48 runtime tags: 51 in all", tags(48)));
      out.add(
          base.input(
              "a key twice: the last wins",
              "{\"Tags\":[{\"Key\":\"a\",\"Value\":\"1\"},{\"Key\":\"b\",\"Value\":\"2\"},"
                  + "{\"Key\":\"a\",\"Value\":\"3\"}]}"));
      out.add(
          base.input(
              "a bad override and bad tags: the override first",
              "{\"ClusterConfigurationOverrides\":{\"Bogus\":1},\"Tags\":\"x\"}"));
      for (String flag :
          List.of(
              "true", "false", "null", "\"Yes\"", "\"t\"", "\"TRUE\"", "\"no\"", "1", "0", "2")) {
        out.add(
            base.with("FailIfClusterRunning " + flag, b -> b.running(1, 0))
                .input("FailIfClusterRunning " + flag, "{\"FailIfClusterRunning\":" + flag + "}"));
      }
      out.add(base.with("running, the function's default", b -> b.running(1, 0)));
      out.add(
          base.with("running on the second ListClusters page", b -> b.running(1, 55))
              .input("running on the second page", "{\"FailIfClusterRunning\":true}"));
      out.add(
          base.with("two pages, none of the same name", b -> b.running(0, 55))
              .input("two pages, none running", "{\"FailIfClusterRunning\":true}"));
      out.add(base.with("no configuration record", Builder::withoutConfiguration));
      out.add(
          base.with(
              "a configuration with secrets",
              b ->
                  b.configuration(
                      SampleRecords.configuration().toBuilder()
                          .putSecretConfigurations(
                              "hive-site",
                              "arn:aws:secretsmanager:us-east-1:123456789012:secret:hive")
                          .build())));
      out.add(
          base.with(
              "a profile with a Kerberos secret",
              b ->
                  b.profile(
                      SampleRecords.profile().toBuilder()
                          .kerberosAttributesSecretArn(
                              "arn:aws:secretsmanager:us-east-1:123456789012:secret:krb")
                          .build())));
      for (String prefix : List.of("", "/logs/", "/logs", "logs/", "logs", "a/b")) {
        out.add(
            base.with(
                "logs prefix '" + prefix + "'",
                b -> b.profile(SampleRecords.profile().toBuilder().logsPrefix(prefix).build())));
      }
      EmrProfile lean =
          EmrProfile.builder()
              .namespace(SampleRecords.NAMESPACE)
              .name("analytics")
              .serviceRole("e2e-EMR_ServiceRole")
              .instanceRole("arn:aws:iam::123456789012:role/e2e-EMR_EC2_Role")
              .instanceProfile("arn:aws:iam::123456789012:instance-profile/e2e-profile")
              .build();
      out.add(base.with("no logs, groups or security configuration", b -> b.profile(lean)));
      out.add(
          base.with(
              "the default logs prefix",
              b -> b.profile(lean.toBuilder().logsBucket("e2e-emr-logs").build())));
      out.add(
          base.with(
              "a function without tags or name",
              b ->
                  b.function(
                      LaunchFunction.builder()
                          .from(SampleRecords.launchFunction())
                          .clusterName("")
                          .clusterTags(Map.of())
                          .build())));
      out.add(
          base.with(
                  "one tag in all",
                  b ->
                      b.configuration(SampleRecords.configuration().withTags(Map.of()))
                          .function(
                              LaunchFunction.builder()
                                  .from(SampleRecords.launchFunction())
                                  .clusterTags(Map.of())
                                  .build()))
              .input("one tag in all", "{\"Tags\":[{\"Key\":\"only\",\"Value\":\"1\"}]}"));
      out.add(
          base.with(
              "fire and forget",
              b ->
                  b.function(
                      LaunchFunction.builder()
                          .from(SampleRecords.launchFunction())
                          .waitForClusterStart(false)
                          .build())));
      Scenario topics =
          base.with(
              "topics",
              b ->
                  b.function(
                      LaunchFunction.builder()
                          .from(SampleRecords.launchFunction())
                          .successTopicArn(TOPIC_OK)
                          .failureTopicArn(TOPIC_FAILED)
                          .build()));
      out.add(topics);
      out.add(topics.input("topics, a refused override", overrides("{\"CoreInstanceCount\":99}")));
      out.add(topics.with("topics, no configuration record", Builder::withoutConfiguration));
      if (integration == ServiceIntegration.AWS_SDK) {
        out.add(
            topics.with(
                "the cluster fails at bootstrap",
                b ->
                    b.behavior(
                        EmrBehavior.builder()
                            .cluster(
                                SampleRecords.CLUSTER_NAME,
                                ClusterScript.failing(ClusterFailure.bootstrapFailure()))
                            .build())));
        out.add(
            topics.with(
                "the cluster does not start in time",
                b ->
                    b.behavior(EmrBehavior.defaults())
                        .options(
                            o ->
                                o.pollInterval(Duration.ofSeconds(30))
                                    .startTimeout(Duration.ofMinutes(1)))));
        out.add(
            base.with("the cluster boots for minutes", b -> b.behavior(EmrBehavior.defaults())));
      }
    }
    return out.stream();
  }

  /** What one execution did. */
  record Outcome(
      ExecutionStatus status,
      String error,
      String cause,
      JsonNode output,
      List<String> clusters,
      List<JsonNode> published,
      long transitions) {}

  static Outcome run(Scenario s, QueryLanguage language) throws Exception {
    FakeAws aws = FakeAws.builder().emrBehavior(s.behavior()).build();
    RecordingSns sns = new RecordingSns();
    LocalEngine engine =
        LocalEngine.builder()
            .clock(aws.clock())
            .scheduler(aws.scheduler())
            .client(aws.emrAsync())
            .client(aws.ssmAsync())
            .client(sns)
            .build();
    SsmRecordStore store =
        SsmRecordStore.builder()
            .client(aws.ssmAsync())
            .layout(ParameterLayout.defaultLayout())
            .build();
    aws.time().runUntil(store.profiles().save(s.profile()), Duration.ofMinutes(1)).join();
    if (s.saveConfiguration()) {
      aws.time()
          .runUntil(store.configurations().save(s.configuration()), Duration.ofMinutes(1))
          .join();
    }
    s.profile()
        .securityConfigurationName()
        .ifPresent(
            n ->
                aws.emr()
                    .createSecurityConfiguration(
                        r ->
                            r.name(n)
                                .securityConfiguration(
                                    "{\"EncryptionConfiguration\":{"
                                        + "\"EnableInTransitEncryption\":false,"
                                        + "\"EnableAtRestEncryption\":false}}")));
    for (int i = 0; i < s.otherRunning() + s.sameNameRunning(); i++) {
      String name = i < s.otherRunning() ? "other-" + i : SampleRecords.CLUSTER_NAME;
      aws.emr()
          .runJobFlow(
              r ->
                  r.name(name)
                      .releaseLabel("emr-7.5.0")
                      .serviceRole("e2e-EMR_ServiceRole")
                      .jobFlowRole("e2e-EMR_EC2_Role")
                      .instances(
                          in ->
                              in.instanceCount(1)
                                  .masterInstanceType("m5.xlarge")
                                  .keepJobFlowAliveWhenNoSteps(true)));
    }
    aws.time().advance(Duration.ofHours(1));
    StateMachine machine =
        s.options()
            .apply(
                LaunchFunctionMachine.builder(s.function(), s.profile(), s.configuration())
                    .integration(s.integration())
                    .queryLanguage(language))
            .build();
    var f = engine.start(machine, s.input());
    aws.time().runUntil(f, Duration.ofDays(1));
    assertThat(f).as("the execution ends within a virtual day").isDone();
    LocalExecution done = f.join();
    aws.time().advance(Duration.ofHours(1));
    List<String> clusters = new ArrayList<>();
    for (ClusterSummary c : aws.emr().listClustersPaginator().clusters()) {
      var d = aws.emr().describeCluster(r -> r.clusterId(c.id())).cluster();
      clusters.add(
          d.id()
              + " "
              + d.name()
              + " "
              + d.status().stateAsString()
              + " "
              + d.tags().stream().map(t -> t.key() + "=" + t.value()).sorted().toList()
              + " "
              + d.logUri());
    }
    List<JsonNode> published = new ArrayList<>();
    for (PublishRequest p : sns.published()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("TopicArn", p.topicArn()).put("Subject", p.subject());
      o.set("Message", JSON.readTree(p.message()));
      published.add(o);
    }
    return new Outcome(
        done.status(),
        done.error().orElse(null),
        done.cause().orElse(null),
        done.output().isPresent() ? JSON.readTree(done.output().get()) : null,
        clusters,
        published,
        done.history().stream().filter(e -> e.typeAsString().endsWith("StateEntered")).count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void jsonataAndJsonPathEndTheSameWay(Scenario s) throws Exception {
    Outcome path = run(s, QueryLanguage.JSONPATH);
    Outcome nata = run(s, QueryLanguage.JSONATA);

    assertThat(nata.status()).as("status; JSONPath: %s", path).isEqualTo(path.status());
    assertThat(nata.error()).as("error").isEqualTo(path.error());
    assertThat(nata.cause()).as("cause").isEqualTo(path.cause());
    assertThat(nata.output()).as("output").isEqualTo(path.output());
    assertThat(nata.clusters()).as("clusters").isEqualTo(path.clusters());
    assertThat(nata.published()).as("notifications").isEqualTo(path.published());
    assertThat(nata.transitions()).as("transitions").isLessThan(path.transitions());
  }

  /** The outcomes the scenarios above must reach (so that equal is not equally wrong). */
  static Stream<Arguments> expectations() {
    return Stream.of(
        Arguments.of("no input", ExecutionStatus.SUCCEEDED, null, null),
        Arguments.of(
            "above the maximum",
            ExecutionStatus.FAILED,
            LaunchFunctionMachine.INVALID_OVERRIDE,
            "Override \"CoreInstanceCount\" is greater than the Maximum allowed (10)"),
        Arguments.of(
            "not a whole number",
            ExecutionStatus.FAILED,
            LaunchFunctionMachine.INVALID_OVERRIDE,
            "Override \"CoreInstanceCount\" must be a whole number"),
        Arguments.of(
            "unknown override",
            ExecutionStatus.FAILED,
            LaunchFunctionMachine.INVALID_OVERRIDE,
            "ClusterConfigurationOverrides {\"CoreInstanceCount\":3,\"Bogus\":1} names an"
                + " override that is not allowed (allowed: ClusterName, CoreInstanceCount,"
                + " CoreInstanceType, Visible, EbsRootVolumeSize)"),
        Arguments.of(
            "48 runtime tags: 51 in all",
            ExecutionStatus.FAILED,
            LaunchFunctionMachine.INVALID_INPUT,
            "A cluster takes at most 50 tags (configuration, function and input together)"),
        Arguments.of(
            "FailIfClusterRunning \"Yes\"",
            ExecutionStatus.FAILED,
            LaunchFunctionMachine.CLUSTER_RUNNING,
            null),
        Arguments.of("FailIfClusterRunning \"no\"", ExecutionStatus.SUCCEEDED, null, null),
        Arguments.of(
            "running on the second page",
            ExecutionStatus.FAILED,
            LaunchFunctionMachine.CLUSTER_RUNNING,
            null),
        Arguments.of(
            "no configuration record",
            ExecutionStatus.FAILED,
            LaunchFunctionMachine.RECORD_NOT_FOUND,
            null),
        Arguments.of(
            "a profile with a Kerberos secret",
            ExecutionStatus.FAILED,
            LaunchFunctionMachine.UNSUPPORTED_RECORD,
            null),
        Arguments.of(
            "the cluster fails at bootstrap",
            ExecutionStatus.FAILED,
            LaunchFunctionMachine.CLUSTER_FAILED,
            null),
        Arguments.of(
            "the cluster does not start in time",
            ExecutionStatus.FAILED,
            LaunchFunctionMachine.CLUSTER_START_TIMEOUT,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void theJsonataVariantReachesTheDocumentedOutcome(
      String scenario, ExecutionStatus status, String error, String cause) throws Exception {
    List<Scenario> matching = scenarios().filter(s -> s.name().equals(scenario)).toList();
    assertThat(matching).as(scenario).isNotEmpty();
    for (Scenario s : matching) {
      Outcome o = run(s, QueryLanguage.JSONATA);
      assertThat(o.status()).as(s + ": " + o).isEqualTo(status);
      if (error != null) {
        assertThat(o.error()).as(s.toString()).isEqualTo(error);
      }
      if (cause != null) {
        assertThat(o.cause()).as(s.toString()).isEqualTo(cause);
      }
      if (status == ExecutionStatus.FAILED
          && !s.name().contains("start")
          && !s.name().contains("fails")) {
        assertThat(o.clusters())
            .as("nothing launched")
            .hasSize(s.sameNameRunning() + s.otherRunning());
      }
    }
  }

  /** The activity variant: the worker's answer (success or a typed failure) ends both the same. */
  static Outcome runActivity(QueryLanguage language, String answerError) throws Exception {
    FakeAws aws = FakeAws.create();
    RecordingSns sns = new RecordingSns();
    LocalEngine engine =
        LocalEngine.builder().clock(aws.clock()).scheduler(aws.scheduler()).client(sns).build();
    String arn = "arn:aws:states:us-east-1:123456789012:activity:emr-launch";
    StateMachine machine =
        LaunchFunctionMachine.builder(
                LaunchFunction.builder()
                    .from(SampleRecords.launchFunction())
                    .successTopicArn(TOPIC_OK)
                    .failureTopicArn(TOPIC_FAILED)
                    .build(),
                SampleRecords.profile(),
                SampleRecords.configuration())
            .launchActivity(arn)
            .queryLanguage(language)
            .build();
    var f = engine.start(machine, overrides("{\"CoreInstanceCount\":3}"));
    java.util.Optional<io.emrlaunch.stepfunctions.local.ActivityTask> task =
        java.util.Optional.empty();
    for (int i = 0; i < 100 && task.isEmpty(); i++) {
      aws.time().advance(Duration.ofSeconds(1));
      task = engine.pollActivityTask(arn);
    }
    assertThat(task).isPresent();
    JsonNode taskInput = JSON.readTree(task.get().input());
    assertThat(
            taskInput
                .path("Input")
                .path("ClusterConfigurationOverrides")
                .path("CoreInstanceCount")
                .asInt())
        .isEqualTo(3);
    assertThat(taskInput.path("LaunchFunction").path("Name").asText()).isEqualTo("nightly");
    if (answerError == null) {
      engine.sendTaskSuccess(
          task.get().taskToken(), "{\"ClusterId\":\"j-1\",\"ClusterName\":\"nightly-etl\"}");
    } else {
      engine.sendTaskFailure(task.get().taskToken(), answerError, "the worker says no");
    }
    aws.time().runUntil(f, Duration.ofDays(1));
    LocalExecution done = f.join();
    List<JsonNode> published = new ArrayList<>();
    for (PublishRequest p : sns.published()) {
      published.add(JSON.readTree(p.message()));
    }
    return new Outcome(
        done.status(),
        done.error().orElse(null),
        done.cause().orElse(null),
        done.output().isPresent() ? JSON.readTree(done.output().get()) : null,
        List.of(),
        published,
        0);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"", "EmrLaunch.SecretNotFound", "States.Timeout"})
  void theActivityVariantsEndTheSameWay(String error) throws Exception {
    String answer = error.isEmpty() ? null : error;
    Outcome path = runActivity(QueryLanguage.JSONPATH, answer);
    Outcome nata = runActivity(QueryLanguage.JSONATA, answer);
    assertThat(nata).usingRecursiveComparison().isEqualTo(path);
    assertThat(path.status())
        .isEqualTo(answer == null ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED);
    // The local engine does not publish an object Message (the launch function sends
    // LaunchClusterResult / Error as JSON), so both variants record the same PublishError and go
    // on.
    assertThat(path.published()).isEmpty();
    if (answer == null) {
      assertThat(nata.output().path("PublishError").path("Error").asText()).isNotEmpty();
      assertThat(nata.output().at("/LaunchClusterResult/ClusterId").asText()).isEqualTo("j-1");
    } else {
      assertThat(nata.error())
          .isEqualTo(answer.startsWith("States.") ? LaunchFunctionMachine.LAUNCH_FAILED : answer);
      assertThat(nata.cause()).contains("the worker says no");
    }
  }

  @Test
  void aWholeNumberWrittenWithAFractionIsAccepted() throws Exception {
    Scenario s =
        scenarios()
            .filter(x -> x.name().equals("no input"))
            .findFirst()
            .orElseThrow()
            .input("3.0", overrides("{\"CoreInstanceCount\":3.0}"));
    for (QueryLanguage q : QueryLanguage.values()) {
      Outcome o = run(s, q);
      assertThat(o.status()).as(q + ": " + o).isEqualTo(ExecutionStatus.SUCCEEDED);
      // JSONPath passes the number as written (3.0), JSONata as the number (3)
      assertThat(
              o.output()
                  .at("/ClusterConfiguration/Cluster/Instances/InstanceGroups/1/InstanceCount")
                  .asDouble())
          .isEqualTo(3.0);
    }
  }

  @Test
  void everyJsonataVariantPassesOurValidatorAndAslValidatorAndKeepsThePolicy() throws Exception {
    Map<String, String> emitted = new LinkedHashMap<>();
    for (ServiceIntegration integration : ServiceIntegration.values()) {
      for (boolean wait : new boolean[] {true, false}) {
        for (boolean topics : new boolean[] {true, false}) {
          LaunchFunction.Builder fn =
              LaunchFunction.builder()
                  .from(SampleRecords.launchFunction())
                  .waitForClusterStart(wait);
          if (topics) {
            fn.successTopicArn(TOPIC_OK).failureTopicArn(TOPIC_FAILED);
          }
          Map<QueryLanguage, StateMachine> both = new LinkedHashMap<>();
          for (QueryLanguage q : QueryLanguage.values()) {
            both.put(
                q,
                LaunchFunctionMachine.builder(
                        fn.build(), SampleRecords.profile(), SampleRecords.configuration())
                    .integration(integration)
                    .queryLanguage(q)
                    .build());
          }
          StateMachine m = both.get(QueryLanguage.JSONATA);
          assertThat(m.validate()).isEmpty();
          assertThat(JSON.readTree(m.toJson()).path("QueryLanguage").asText()).isEqualTo("JSONata");
          emitted.put("jsonata-" + integration + "-" + wait + "-" + topics, m.toJson());
          ExecutionRolePolicy policy =
              ExecutionRolePolicy.builder()
                  .region("us-east-1")
                  .accountId("123456789012")
                  .profile(SampleRecords.profile())
                  .build();
          assertThat(JSON.readTree(policy.derive(m).policy().toJson()))
              .as("the same execution role policy")
              .isEqualTo(
                  JSON.readTree(policy.derive(both.get(QueryLanguage.JSONPATH)).policy().toJson()));
        }
      }
    }
    StateMachine activity =
        LaunchFunctionMachine.builder(
                SampleRecords.launchFunction(),
                SampleRecords.profile(),
                SampleRecords.configuration())
            .launchActivity("arn:aws:states:us-east-1:123456789012:activity:emr-launch")
            .queryLanguage(QueryLanguage.JSONATA)
            .build();
    emitted.put("jsonata-activity", activity.toJson());
    AslValidatorCli.Result r = AslValidatorCli.require().validateDefinitions(emitted);
    assertThat(r.invalid()).isEmpty();
    assertThat(r.files()).hasSize(9);
  }
}

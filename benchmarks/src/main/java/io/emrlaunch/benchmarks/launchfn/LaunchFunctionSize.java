package io.emrlaunch.benchmarks.launchfn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.ParameterLayout;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import io.emrlaunch.stepfunctions.local.ActivityTask;
import io.emrlaunch.stepfunctions.local.LocalEngine;
import io.emrlaunch.stepfunctions.local.LocalExecution;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The size of the generated launch function and what one successful launch costs in state
 * transitions, per variant: states (every state, in branches and item processors too), definition
 * bytes (compact JSON, UTF-8) and the {@code *StateEntered} events of one successful execution in
 * the local engine on FakeAws (virtual time). FakeEmr is "moto-like" (the cluster is up at the
 * first DescribeCluster), so the aws-sdk variant polls once; each further poll adds the Wait, Count
 * Poll, Describe Cluster and Cluster Started? states (4 transitions).
 *
 * <p>Two inputs: {@code {}} (the function's default FailIfClusterRunning, true here, so one
 * ListClusters page is read) and a typical one (two overrides and one runtime tag). Writes {@code
 * benchmarks/target/launch-function-size.json}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.emrlaunch.benchmarks.launchfn.LaunchFunctionSize}
 */
public final class LaunchFunctionSize {
  static final String ACTIVITY_ARN = "arn:aws:states:us-east-1:123456789012:activity:emr-launch";
  static final String EMPTY_INPUT = "{}";
  static final String TYPICAL_INPUT =
      "{\"ClusterConfigurationOverrides\":{\"ClusterName\":\"adhoc-etl\",\"CoreInstanceCount\":4},"
          + "\"Tags\":[{\"Key\":\"run\",\"Value\":\"bench\"}]}";

  private LaunchFunctionSize() {}

  /** The profile: every role, security group, security configuration and logs bucket set. */
  public static EmrProfile profile() {
    return EmrProfile.builder()
        .name("etl-profile")
        .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole_V2")
        .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
        .autoScalingRole("arn:aws:iam::123456789012:role/EMR_AutoScaling_DefaultRole")
        .masterSecurityGroup("sg-0a1b2c3d")
        .workersSecurityGroup("sg-0b2c3d4e")
        .serviceAccessSecurityGroup("sg-0c3d4e5f")
        .securityConfigurationName("etl-security")
        .logsBucket("etl-logs")
        .build();
  }

  /** The instance-group preset with two tags and three allowed overrides. */
  public static ClusterConfiguration configuration() {
    ClusterConfiguration c =
        ClusterPresets.instanceGroups(PresetOptions.of("etl-config", "subnet-0abc"));
    return c.withTags(java.util.Map.of("team", "data", "cost-center", "cfg"))
        .withAllowedOverrides(threeOverrides());
  }

  static List<AllowedOverride> threeOverrides() {
    return List.of(
        AllowedOverride.builder()
            .name("ClusterName")
            .path("clusterName")
            .type(OverrideType.STRING)
            .build(),
        AllowedOverride.builder()
            .name("CoreInstanceCount")
            .path("instances.coreGroup.instanceCount")
            .type(OverrideType.INTEGER)
            .minimum(1.0)
            .maximum(20.0)
            .build(),
        AllowedOverride.builder()
            .name("CoreInstanceType")
            .path("instances.coreGroup.instanceType")
            .addAllowedValues("m5.xlarge", "m5.2xlarge")
            .build());
  }

  /** The three overrides and six more: strings, whole numbers with bounds, a boolean. */
  public static List<AllowedOverride> nineOverrides() {
    List<AllowedOverride> out = new ArrayList<>(threeOverrides());
    out.add(
        AllowedOverride.builder()
            .name("ReleaseLabel")
            .path("releaseLabel")
            .addAllowedValues("emr-7.5.0", "emr-7.6.0")
            .build());
    out.add(
        AllowedOverride.builder()
            .name("MasterInstanceType")
            .path("instances.masterGroup.instanceType")
            .type(OverrideType.STRING)
            .build());
    out.add(
        AllowedOverride.builder()
            .name("StepConcurrencyLevel")
            .path("stepConcurrencyLevel")
            .type(OverrideType.INTEGER)
            .minimum(1.0)
            .maximum(256.0)
            .build());
    out.add(
        AllowedOverride.builder()
            .name("EbsRootVolumeSize")
            .path("ebsRootVolumeSize")
            .type(OverrideType.INTEGER)
            .minimum(15.0)
            .maximum(100.0)
            .build());
    out.add(
        AllowedOverride.builder()
            .name("VisibleToAllUsers")
            .path("visibleToAllUsers")
            .type(OverrideType.BOOLEAN)
            .build());
    out.add(
        AllowedOverride.builder()
            .name("IdleTimeout")
            .path("autoTerminationIdleTimeoutSeconds")
            .type(OverrideType.INTEGER)
            .minimum(60.0)
            .maximum(604800.0)
            .build());
    return out;
  }

  /** The function: a cluster name, two tags, fail-if-running on by default. */
  public static LaunchFunction function() {
    return LaunchFunction.builder()
        .name("nightly-etl")
        .profile(RecordRef.of("default", "etl-profile"))
        .configuration(RecordRef.of("default", "etl-config"))
        .clusterName("nightly-etl")
        .putClusterTags("cost-center", "fn")
        .putClusterTags("owner", "pipelines")
        .defaultFailIfClusterRunning(true)
        .build();
  }

  /**
   * One variant of the machine.
   *
   * @param name the row's name
   * @param function the function
   * @param options the builder options
   */
  record Variant(
      String name, LaunchFunction function, UnaryOperator<LaunchFunctionMachine.Builder> options) {
    StateMachine machine() {
      return options
          .apply(LaunchFunctionMachine.builder(function, profile(), configuration()))
          .build();
    }

    boolean activity() {
      return name.contains("activity");
    }
  }

  /** The measured variants, in table order. */
  static List<Variant> variants() {
    LaunchFunction nine =
        LaunchFunction.builder().from(function()).allowedOverrides(nineOverrides()).build();
    return List.of(
        new Variant("optimized", function(), b -> b.integration(ServiceIntegration.OPTIMIZED)),
        new Variant("aws-sdk polling", function(), b -> b.integration(ServiceIntegration.AWS_SDK)),
        new Variant(
            "nine overrides (optimized)", nine, b -> b.integration(ServiceIntegration.OPTIMIZED)),
        new Variant("activity", function(), b -> b.launchActivity(ACTIVITY_ARN)),
        new Variant(
            "JSONata optimized",
            function(),
            b -> b.integration(ServiceIntegration.OPTIMIZED).queryLanguage(QueryLanguage.JSONATA)),
        new Variant(
            "JSONata aws-sdk polling",
            function(),
            b -> b.integration(ServiceIntegration.AWS_SDK).queryLanguage(QueryLanguage.JSONATA)),
        new Variant(
            "JSONata nine overrides (optimized)",
            nine,
            b -> b.integration(ServiceIntegration.OPTIMIZED).queryLanguage(QueryLanguage.JSONATA)),
        new Variant(
            "JSONata activity",
            function(),
            b -> b.launchActivity(ACTIVITY_ARN).queryLanguage(QueryLanguage.JSONATA)));
  }

  /**
   * The figures of one variant.
   *
   * @param variant the row's name
   * @param states every state of the definition
   * @param bytes the compact JSON definition's UTF-8 length
   * @param transitionsEmpty StateEntered events of a successful launch with input {@code {}}
   * @param transitionsTypical the same with two overrides and one runtime tag
   */
  public record Row(
      String variant, int states, int bytes, long transitionsEmpty, long transitionsTypical) {}

  /**
   * Measures one machine.
   *
   * @param variant the variant
   * @return its row
   */
  static Row measure(Variant variant) {
    StateMachine m = variant.machine();
    String json = m.toJson();
    return new Row(
        variant.name(),
        m.allStates().size(),
        json.getBytes(StandardCharsets.UTF_8).length,
        transitions(launch(m, EMPTY_INPUT, variant.activity())),
        transitions(launch(m, TYPICAL_INPUT, variant.activity())));
  }

  /** The rows of every variant. */
  public static List<Row> measureAll() {
    return variants().stream().map(LaunchFunctionSize::measure).toList();
  }

  static long transitions(LocalExecution done) {
    if (!done.status().toString().equals("SUCCEEDED")) {
      throw new IllegalStateException("the launch did not succeed: " + done);
    }
    return transitions(done.history());
  }

  static long transitions(List<HistoryEvent> history) {
    return history.stream().filter(e -> e.typeAsString().endsWith("StateEntered")).count();
  }

  /**
   * One launch on a fresh FakeAws with the records saved and moto-like EMR.
   *
   * @param machine the machine
   * @param input the execution input
   * @param activity whether the machine hands the launch to {@link #ACTIVITY_ARN} (answered here
   *     with a cluster id, as the worker would)
   * @return the finished execution
   */
  public static LocalExecution launch(StateMachine machine, String input, boolean activity) {
    FakeAws aws =
        FakeAws.builder()
            .emrBehavior(
                EmrBehavior.builder()
                    .startingTime(DurationDistribution.fixed(Duration.ZERO))
                    .bootstrappingTime(DurationDistribution.fixed(Duration.ZERO))
                    .build())
            .build();
    SsmRecordStore store =
        SsmRecordStore.builder()
            .client(aws.ssmAsync())
            .layout(ParameterLayout.defaultLayout())
            .build();
    aws.time().runUntil(store.profiles().save(profile()), Duration.ofMinutes(1)).join();
    aws.time().runUntil(store.configurations().save(configuration()), Duration.ofMinutes(1)).join();
    aws.emr()
        .createSecurityConfiguration(
            r ->
                r.name("etl-security")
                    .securityConfiguration(
                        "{\"EncryptionConfiguration\":{\"EnableInTransitEncryption\":false,"
                            + "\"EnableAtRestEncryption\":false}}"));
    LocalEngine engine =
        LocalEngine.builder()
            .clock(aws.clock())
            .scheduler(aws.scheduler())
            .client(aws.emrAsync())
            .client(aws.ssmAsync())
            .build();
    CompletableFuture<LocalExecution> f = engine.start(machine, input);
    if (activity) {
      Optional<ActivityTask> task = Optional.empty();
      for (int i = 0; i < 100 && task.isEmpty(); i++) {
        aws.time().advance(Duration.ofSeconds(1));
        task = engine.pollActivityTask(ACTIVITY_ARN);
      }
      ActivityTask t = task.orElseThrow(() -> new IllegalStateException("no activity task"));
      engine.sendTaskSuccess(
          t.taskToken(),
          "{\"ClusterId\":\"j-BENCH\",\"ClusterName\":\"nightly-etl\",\"LaunchToken\":\"t\"}");
    }
    return aws.time().runUntil(f, Duration.ofDays(1)).join();
  }

  static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "| %-34s | %6s | %8s | %18s | %20s |%n",
            "variant",
            "states",
            "KB",
            "transitions ({})",
            "transitions (typical)"));
    out.append("|").append("-".repeat(36)).append("|--------|----------|");
    out.append("-".repeat(20)).append("|").append("-".repeat(22)).append("|\n");
    for (Row r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %-34s | %6d | %8.1f | %18d | %20d |%n",
              r.variant(),
              r.states(),
              r.bytes() / 1024.0,
              r.transitionsEmpty(),
              r.transitionsTypical()));
    }
    return out.toString();
  }

  /**
   * Prints the table and writes {@code benchmarks/target/launch-function-size.json}.
   *
   * @param args none
   * @throws Exception when the file cannot be written
   */
  public static void main(String[] args) throws Exception {
    List<Row> rows = measureAll();
    System.out.print(table(rows));
    ObjectMapper json = new ObjectMapper();
    ArrayNode out = json.createArrayNode();
    for (Row r : rows) {
      ObjectNode o = out.addObject();
      o.put("variant", r.variant());
      o.put("states", r.states());
      o.put("bytes", r.bytes());
      o.put("transitionsEmptyInput", r.transitionsEmpty());
      o.put("transitionsTypicalInput", r.transitionsTypical());
    }
    Path target = Path.of("benchmarks", "target");
    if (!Files.isDirectory(target)) {
      target = Path.of("target");
    }
    Files.createDirectories(target);
    Path file = target.resolve("launch-function-size.json");
    Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    System.out.println("wrote " + file);
  }
}

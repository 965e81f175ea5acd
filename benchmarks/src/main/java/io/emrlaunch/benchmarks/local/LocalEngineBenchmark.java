package io.emrlaunch.benchmarks.local;

import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.BootstrapAction;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.repository.ParameterLayout;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.deploy.StateMachineDeployer;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import io.emrlaunch.stepfunctions.iam.TrustPolicy;
import io.emrlaunch.stepfunctions.local.LocalEngine;
import io.emrlaunch.stepfunctions.local.LocalExecution;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.moto.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The local ASL engine on the generated launch function (aws-sdk integration, the machine moto can
 * run): state transitions per second, and the wall time of one execution locally and in moto's Step
 * Functions (started through the testkit's {@link MotoServer}), in the same run.
 *
 * <p>Local runs use FakeAws in virtual time; "moto-like EMR" gives FakeEmr zero-length phases so
 * that the cluster is up at the first DescribeCluster, as in moto, and both engines execute the
 * same states. A state transition is a {@code *StateEntered} history event.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.emrlaunch.benchmarks.local.LocalEngineBenchmark [localRuns] [motoRuns]}
 */
public final class LocalEngineBenchmark {
  private static final String ACCOUNT = "123456789012";

  private LocalEngineBenchmark() {}

  static EmrProfile profile() {
    return EmrProfile.builder()
        .namespace("bench")
        .name("analytics")
        .serviceRole("arn:aws:iam::" + ACCOUNT + ":role/bench-EMR_ServiceRole")
        .instanceRole("arn:aws:iam::" + ACCOUNT + ":role/bench-EMR_EC2_Role")
        .masterSecurityGroup("sg-0a1b2c3d4e5f60001")
        .workersSecurityGroup("sg-0a1b2c3d4e5f60002")
        .logsBucket("bench-emr-logs")
        .logsPrefix("clusters/")
        .build();
  }

  static ClusterConfiguration configuration() {
    return ClusterConfiguration.builder()
        .namespace("bench")
        .name("spark-small")
        .releaseLabel("emr-7.5.0")
        .addApplications("Hadoop", "Spark")
        .addBootstrapActions(BootstrapAction.of("deps", "s3://bench-code/bootstrap.sh", "--fast"))
        .addConfigurations(
            ApplicationConfiguration.of("spark-defaults", Map.of("spark.executor.memory", "4G")))
        .instances(
            ClusterInstances.builder()
                .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
                .coreGroup(InstanceGroupConfig.of("Core", "m5.2xlarge", 2))
                .ec2SubnetId("subnet-0e2e0000000000001")
                .build())
        .putTags("team", "data")
        .putTags("env", "from-configuration")
        .build();
  }

  static LaunchFunction function() {
    return LaunchFunction.builder()
        .namespace("bench")
        .name("nightly")
        .profile(profile().ref())
        .configuration(configuration().ref())
        .clusterName("nightly-etl")
        .putClusterTags("env", "from-function")
        .addAllowedOverrides(
            AllowedOverride.builder()
                .name("CoreInstanceCount")
                .path("instances.coreGroup.instanceCount")
                .type(OverrideType.INTEGER)
                .minimum(1.0)
                .maximum(10.0)
                .build())
        .build();
  }

  static final String INPUT =
      "{\"ClusterConfigurationOverrides\":{\"CoreInstanceCount\":4},"
          + "\"Tags\":[{\"Key\":\"run\",\"Value\":\"bench\"}]}";

  static StateMachine machine() {
    return LaunchFunctionMachine.builder(function(), profile(), configuration())
        .integration(ServiceIntegration.AWS_SDK)
        .pollInterval(Duration.ofSeconds(30))
        .build();
  }

  static long transitions(List<HistoryEvent> history) {
    return history.stream().filter(e -> e.typeAsString().endsWith("StateEntered")).count();
  }

  /** One local execution on a fresh FakeAws: nanoseconds of wall time and transitions. */
  record Run(long nanos, long transitions, String status) {}

  static Run local(StateMachine machine, boolean motoLikeEmr) {
    FakeAws.Builder b = FakeAws.builder();
    if (motoLikeEmr) {
      b.emrBehavior(
          EmrBehavior.builder()
              .startingTime(DurationDistribution.fixed(Duration.ZERO))
              .bootstrappingTime(DurationDistribution.fixed(Duration.ZERO))
              .build());
    }
    FakeAws aws = b.build();
    SsmRecordStore store =
        SsmRecordStore.builder()
            .client(aws.ssmAsync())
            .layout(ParameterLayout.defaultLayout())
            .build();
    aws.time().runUntil(store.profiles().save(profile()), Duration.ofMinutes(1)).join();
    aws.time().runUntil(store.configurations().save(configuration()), Duration.ofMinutes(1)).join();
    LocalEngine engine =
        LocalEngine.builder()
            .clock(aws.clock())
            .scheduler(aws.scheduler())
            .client(aws.emrAsync())
            .client(aws.ssmAsync())
            .build();
    long t0 = System.nanoTime();
    CompletableFuture<LocalExecution> f = engine.start(machine, INPUT);
    LocalExecution done = aws.time().runUntil(f, Duration.ofDays(1)).join();
    long nanos = System.nanoTime() - t0;
    return new Run(nanos, transitions(done.history()), done.status().toString());
  }

  static Run moto(MotoServer moto, StateMachine machine, int n) {
    moto.reset();
    moto.enableStepFunctionsExecution();
    IamClient iam = moto.iam();
    String emrTrust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"elasticmapreduce.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    String ec2Trust = emrTrust.replace("elasticmapreduce", "ec2");
    iam.createRole(r -> r.roleName("bench-EMR_ServiceRole").assumeRolePolicyDocument(emrTrust));
    iam.createRole(r -> r.roleName("bench-EMR_EC2_Role").assumeRolePolicyDocument(ec2Trust));
    iam.createInstanceProfile(r -> r.instanceProfileName("bench-EMR_EC2_Role"));
    iam.addRoleToInstanceProfile(
        r -> r.instanceProfileName("bench-EMR_EC2_Role").roleName("bench-EMR_EC2_Role"));
    String roleArn =
        iam.createRole(
                r ->
                    r.roleName("bench-sfn-" + n)
                        .assumeRolePolicyDocument(TrustPolicy.forStepFunctions().toJson()))
            .role()
            .arn();
    SsmRecordStore store =
        SsmRecordStore.builder()
            .client(moto.ssmAsync())
            .layout(ParameterLayout.defaultLayout())
            .build();
    store.profiles().save(profile()).join();
    store.configurations().save(configuration()).join();
    StateMachineDeployer deployer =
        StateMachineDeployer.builder()
            .client(moto.sfnAsync())
            .pollInterval(Duration.ofMillis(20))
            .maxPollInterval(Duration.ofMillis(20))
            .build();
    String machineArn =
        deployer
            .deploy(s -> s.name("bench-" + n).definition(machine.toJson()).roleArn(roleArn))
            .join()
            .stateMachineArn();
    long t0 = System.nanoTime();
    String arn = deployer.start(machineArn, "run-" + n, INPUT).join();
    DescribeExecutionResponse d;
    while (true) {
      d = moto.sfn().describeExecution(r -> r.executionArn(arn));
      if (d.status() != ExecutionStatus.RUNNING) {
        break;
      }
      if (System.nanoTime() - t0 > Duration.ofMinutes(3).toNanos()) {
        break;
      }
      sleep(20);
    }
    long nanos = System.nanoTime() - t0;
    List<HistoryEvent> history = new ArrayList<>();
    moto.sfn()
        .getExecutionHistoryPaginator(r -> r.executionArn(arn).maxResults(1000))
        .events()
        .forEach(history::add);
    return new Run(nanos, transitions(history), d.status().toString());
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  static String summary(String name, List<Run> runs) {
    List<Long> times = new ArrayList<>(runs.stream().map(Run::nanos).toList());
    Collections.sort(times);
    long total = times.stream().mapToLong(Long::longValue).sum();
    long transitions = runs.stream().mapToLong(Run::transitions).sum();
    return String.format(
        Locale.ROOT,
        "%-34s runs=%-4d status=%s transitions/run=%d  median=%.1f ms  min=%.1f ms  max=%.1f ms"
            + "  transitions/s=%.0f",
        name,
        runs.size(),
        runs.stream().map(Run::status).distinct().toList(),
        runs.isEmpty() ? 0 : runs.get(0).transitions(),
        ms(times.get(times.size() / 2)),
        ms(times.get(0)),
        ms(times.get(times.size() - 1)),
        transitions / (total / 1e9));
  }

  /**
   * Runs the benchmark.
   *
   * @param args {@code [localRuns] [motoRuns]} (defaults 200 and 5)
   */
  public static void main(String[] args) {
    int localRuns = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int motoRuns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    StateMachine machine = machine();
    System.out.println("launch function machine: " + machine.allStates().size() + " states");
    for (int i = 0; i < 50; i++) {
      local(machine, true); // warm-up
      local(machine, false);
    }
    List<Run> motoLike = new ArrayList<>();
    List<Run> fakeEmr = new ArrayList<>();
    for (int i = 0; i < localRuns; i++) {
      motoLike.add(local(machine, true));
      fakeEmr.add(local(machine, false));
    }
    System.out.println(summary("local, moto-like EMR", motoLike));
    System.out.println(summary("local, FakeEmr 8 min boot (virtual)", fakeEmr));
    if (!MotoServer.isAvailable()) {
      System.out.println(
          "moto: not available (" + MotoServer.unavailableReason().orElse("?") + ")");
      return;
    }
    try (MotoServer moto = MotoServer.start()) {
      moto(moto, machine, 0); // warm-up
      List<Run> motoRunsList = new ArrayList<>();
      for (int i = 1; i <= motoRuns; i++) {
        motoRunsList.add(moto(moto, machine, i));
      }
      System.out.println(summary("moto Step Functions (HTTP)", motoRunsList));
      EmrClient emr = moto.emr();
      System.out.println(
          "moto clusters after the last run: " + emr.listClusters().clusters().size());
    }
  }
}

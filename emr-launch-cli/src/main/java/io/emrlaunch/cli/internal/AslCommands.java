package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.deploy.DeployResult;
import io.emrlaunch.stepfunctions.deploy.StateMachineDeployer;
import io.emrlaunch.stepfunctions.emr.ClusterLaunch;
import io.emrlaunch.stepfunctions.emr.EmrDefinitionRules;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.emr.Phase;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import io.emrlaunch.stepfunctions.emr.SparkJobMachine;
import io.emrlaunch.stepfunctions.emr.TransientClusterPipeline;
import io.emrlaunch.stepfunctions.iam.DerivedPolicy;
import io.emrlaunch.stepfunctions.iam.ExecutionRolePolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code asl build|validate|diagram|policy|deploy|run}: Amazon States Language. */
@Command(
    name = "asl",
    description = "Generate, check, draw, derive the IAM policy of and deploy state machines.",
    subcommands = {
      AslCommands.Build.class,
      AslCommands.Validate.class,
      AslCommands.Diagram.class,
      AslCommands.Policy.class,
      AslCommands.Deploy.class,
      AslCommands.Run.class
    })
public final class AslCommands {

  /** Integration choices. */
  public enum Integration {
    /** elasticmapreduce:*.sync. */
    optimized,
    /** aws-sdk:emr:* with polling loops. */
    sdk;

    ServiceIntegration value() {
      return this == optimized ? ServiceIntegration.OPTIMIZED : ServiceIntegration.AWS_SDK;
    }
  }

  /**
   * Reads and checks a definition: structure (parse), our validator and the EMR rules.
   *
   * @return the machine and every problem, each at its JSON pointer
   */
  static List<String[]> problems(Root root, String file, StateMachine[] machine) {
    JsonNode json = root.readJson(file);
    List<String[]> out = new ArrayList<>();
    StateMachine m;
    try {
      m = StateMachine.fromJson(json.toString());
    } catch (ValidationException e) {
      for (Problem p : e.problems()) {
        out.add(new String[] {Pointers.of(json, p.path()), p.message()});
      }
      return out;
    }
    machine[0] = m;
    Set<Problem> all = new LinkedHashSet<>(m.validate());
    all.addAll(EmrDefinitionRules.check(m));
    for (Problem p : all) {
      out.add(new String[] {Pointers.of(json, p.path()), p.message()});
    }
    return out;
  }

  static StateMachine load(Root root, String file) {
    StateMachine[] m = new StateMachine[1];
    List<String[]> problems = problems(root, file, m);
    if (!problems.isEmpty()) {
      throw new UsageError(
          file
              + ": "
              + problems.size()
              + " problem(s), first "
              + problems.get(0)[0]
              + ": "
              + problems.get(0)[1]
              + " (see `emr-launch asl validate "
              + file
              + "`)");
    }
    return m[0];
  }

  static void print(Root root, String out, String text) {
    if (out == null) {
      root.out().println(text);
      root.out().flush();
      return;
    }
    try {
      Files.writeString(root.resolve(out), text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageError(out + ": cannot write (" + e.getMessage() + ")");
    }
    root.err().println("wrote " + out);
    root.err().flush();
  }

  /** {@code asl build}. */
  @Command(
      name = "build",
      description = "Generate a machine: launch-function, pipeline or spark-job.",
      subcommands = {BuildLaunchFunction.class, BuildPipeline.class, BuildSparkJob.class})
  public static final class Build {}

  /** {@code asl build spark-job}. */
  @Command(
      name = "spark-job",
      description = {
        "The EMR Cluster Manager machine: its execution input is a run-job payload; transient"
            + " cluster, Spark step, terminate, SNS on failure."
      },
      footerHeading = "%nExample:%n",
      footer =
          "  emr-launch asl build spark-job --profile-file examples/profile.json --failure-topic arn:aws:sns:us-east-1:123456789012:jobs")
  public static final class BuildSparkJob implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--profile-file",
        paramLabel = "FILE",
        description = "The profile the jobs run with (default: EMR's default roles).")
    String profileFile;

    @Option(
        names = "--integration",
        defaultValue = "optimized",
        description = "optimized|sdk (default: ${DEFAULT-VALUE}).")
    Integration integration;

    @Option(
        names = "--failure-topic",
        paramLabel = "SNS_ARN",
        description = "Topic told of failures.")
    String topic;

    @Option(
        names = "--poll",
        defaultValue = "30s",
        description = "Polling interval of the sdk integration (default: ${DEFAULT-VALUE}).")
    String poll;

    @Option(
        names = {"-o", "--out"},
        paramLabel = "FILE",
        description = "Write here instead of stdout.")
    String out;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      EmrProfile profile =
          profileFile == null
              ? Commands.defaultProfile()
              : RecordCommands.readProfile(root, profileFile);
      var b =
          SparkJobMachine.builder(profile)
              .integration(integration.value())
              .pollInterval(Commands.duration("--poll", poll));
      if (topic != null) {
        b.failureTopicArn(topic);
      }
      print(root, out, b.build().toPrettyJson());
      return 0;
    }
  }

  /** {@code asl build launch-function}. */
  @Command(
      name = "launch-function",
      description = "A launch function in pure ASL (records read from SSM at run time).")
  public static final class BuildLaunchFunction implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--function-file", required = true, paramLabel = "FILE")
    String functionFile;

    @Option(
        names = "--profile-file",
        required = true,
        paramLabel = "FILE",
        description = "The profile's design (values are read from SSM at run time).")
    String profileFile;

    @Option(names = "--configuration-file", required = true, paramLabel = "FILE")
    String configurationFile;

    @Option(
        names = "--integration",
        defaultValue = "optimized",
        description = "optimized|sdk (default: ${DEFAULT-VALUE}).")
    Integration integration;

    @Option(
        names = {"-o", "--out"},
        paramLabel = "FILE")
    String out;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      LaunchFunction fn = RecordCommands.readFunction(root, functionFile);
      EmrProfile profile = RecordCommands.readProfile(root, profileFile);
      ClusterConfiguration configuration =
          RecordCommands.readConfiguration(root, configurationFile);
      StateMachine m =
          LaunchFunctionMachine.builder(fn, profile, configuration)
              .integration(integration.value())
              .build();
      print(root, out, m.toPrettyJson());
      return 0;
    }
  }

  /** {@code asl build pipeline}. */
  @Command(
      name = "pipeline",
      description = {
        "A transient-cluster pipeline from a pipeline file:",
        "  {\"launch\": {\"function\": F, \"profile\": F, \"configuration\": F},",
        "   \"integration\": \"optimized|sdk\", \"failureTopic\": ARN,",
        "   \"phases\": [{\"name\": N, \"parallel\": false,",
        "                \"steps\": [{\"name\": N, \"spark\": S3_URI, \"args\": [..]}]}]}",
        "File names are relative to the pipeline file."
      })
  public static final class BuildPipeline implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PIPELINE.json")
    String file;

    @Option(
        names = {"-o", "--out"},
        paramLabel = "FILE")
    String out;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      JsonNode p = root.readJson(file);
      java.nio.file.Path base = java.nio.file.Path.of(file).getParent();
      java.util.function.Function<String, String> rel =
          f -> base == null ? f : base.resolve(f).toString();
      JsonNode launch = p.path("launch");
      for (String k : List.of("function", "profile", "configuration")) {
        if (!launch.path(k).isTextual()) {
          throw new UsageError(file + ": launch." + k + " must name a file");
        }
      }
      Integration integration =
          p.path("integration").asText("optimized").equals("sdk")
              ? Integration.sdk
              : Integration.optimized;
      StateMachine launchMachine =
          LaunchFunctionMachine.builder(
                  RecordCommands.readFunction(root, rel.apply(launch.path("function").asText())),
                  RecordCommands.readProfile(root, rel.apply(launch.path("profile").asText())),
                  RecordCommands.readConfiguration(
                      root, rel.apply(launch.path("configuration").asText())))
              .integration(integration.value())
              .build();
      var b =
          TransientClusterPipeline.builder()
              .launch(ClusterLaunch.inline(launchMachine))
              .integration(integration.value());
      if (p.path("failureTopic").isTextual()) {
        b.failureTopic(p.path("failureTopic").asText());
      }
      JsonNode phases = p.path("phases");
      if (!phases.isArray() || phases.isEmpty()) {
        throw new UsageError(file + ": phases must be a non-empty list");
      }
      for (int i = 0; i < phases.size(); i++) {
        JsonNode ph = phases.get(i);
        List<EmrStep> steps = new ArrayList<>();
        for (int j = 0; j < ph.path("steps").size(); j++) {
          JsonNode s = ph.path("steps").get(j);
          if (!s.path("name").isTextual() || !s.path("spark").isTextual()) {
            throw new UsageError(
                file + ": phases[" + i + "].steps[" + j + "] needs name and spark");
          }
          List<String> args = new ArrayList<>();
          s.path("args").forEach(a -> args.add(a.asText()));
          steps.add(
              EmrStep.sparkSubmit(
                  s.path("name").asText(), s.path("spark").asText(), args.toArray(String[]::new)));
        }
        if (steps.isEmpty()) {
          throw new UsageError(file + ": phases[" + i + "].steps must not be empty");
        }
        String name = ph.path("name").asText("Phase " + (i + 1));
        EmrStep[] arr = steps.toArray(EmrStep[]::new);
        b.phase(
            ph.path("parallel").asBoolean(false)
                ? Phase.parallel(name, arr)
                : Phase.sequential(name, arr));
      }
      print(root, out, b.build().toPrettyJson());
      return 0;
    }
  }

  /** {@code asl validate}. */
  @Command(
      name = "validate",
      description =
          "Check a definition (structure, our validator, EMR rules); exit 2 listing each problem at its JSON pointer.")
  public static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    String file;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      List<String[]> problems = problems(root, file, new StateMachine[1]);
      ObjectNode json = Root.JSON.createObjectNode();
      json.put("file", file).put("valid", problems.isEmpty());
      ArrayNode arr = json.putArray("problems");
      StringBuilder text = new StringBuilder();
      for (String[] p : problems) {
        arr.addObject().put("pointer", p[0]).put("message", p[1]);
        text.append(p[0]).append(": ").append(p[1]).append('\n');
      }
      if (problems.isEmpty()) {
        root.emit(json, file + ": valid");
        return 0;
      }
      root.emit(json, text.toString().stripTrailing());
      root.err().println("emr-launch: " + file + ": " + problems.size() + " problem(s)");
      root.err().flush();
      return Root.USAGE;
    }
  }

  /** {@code asl diagram}. */
  @Command(name = "diagram", description = "A Mermaid flowchart of a definition.")
  public static final class Diagram implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    String file;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      root.out().println(load(root, file).toMermaid());
      root.out().flush();
      return 0;
    }
  }

  /** {@code asl policy}. */
  @Command(name = "policy", description = "The IAM policy a definition's execution role needs.")
  public static final class Policy implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    String file;

    @Option(
        names = "--account-id",
        description = "The account (default under --local: 123456789012).")
    String accountId;

    @Option(
        names = "--profile-file",
        paramLabel = "FILE",
        description = "Restrict iam:PassRole to this profile's roles.")
    String profileFile;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      StateMachine m = load(root, file);
      String region =
          root.region != null
              ? Root.checkRegion(root.region, "--region").id()
              : root.local ? "us-east-1" : null;
      String account = accountId != null ? accountId : root.local ? "123456789012" : null;
      if (region == null || account == null) {
        throw new UsageError("asl policy needs --region and --account-id");
      }
      if (!account.matches("\\d{12}")) {
        throw new UsageError("--account-id must be 12 digits (was " + account + ")");
      }
      var b = ExecutionRolePolicy.builder().region(region).accountId(account);
      if (profileFile != null) {
        b.profile(RecordCommands.readProfile(root, profileFile));
      }
      DerivedPolicy d = b.build().derive(m);
      root.out().println(d.policy().toJson());
      root.out().flush();
      return 0;
    }
  }

  /** {@code asl deploy}. */
  @Command(
      name = "deploy",
      description =
          "Create or update a state machine (validated first; nothing is sent when invalid).")
  public static final class Deploy implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    String file;

    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--role-arn", required = true)
    String roleArn;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      StateMachine m = load(root, file);
      Backend b = root.backend();
      StateMachineDeployer deployer =
          StateMachineDeployer.builder()
              .client(b.sfn())
              .scheduler(b.scheduler())
              .clock(b.clock())
              .pollInterval(Duration.ofSeconds(2))
              .build();
      DeployResult r =
          root.await(deployer.deploy(s -> s.name(name).definition(m.toJson()).roleArn(roleArn)));
      ObjectNode out = Root.JSON.createObjectNode();
      out.put("stateMachineArn", r.stateMachineArn());
      root.emit(out, "deployed " + r.stateMachineArn());
      return 0;
    }
  }

  /** {@code asl run}. */
  @Command(
      name = "run",
      description = {
        "Execute a definition and wait for it: in Step Functions (create or update the machine,"
            + " StartExecution, poll DescribeExecution), or with --local in the local ASL engine"
            + " against the simulated AWS, in simulated time.",
        "Prints the status and the output, or the error and cause; exit 1 unless SUCCEEDED."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  emr-launch asl build spark-job -o job.asl.json --local",
        "  emr-launch asl run job.asl.json --input @examples/spark-job.json --local",
        "  emr-launch asl run --state-machine-arn arn:aws:states:...:stateMachine:jobs"
            + " --input '{\"day\": \"2026-11-24\"}'"
      })
  public static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "FILE",
        arity = "0..1",
        description = "The definition (validated first; nothing is sent when invalid).")
    String file;

    @Option(
        names = "--state-machine-arn",
        paramLabel = "ARN",
        description = "Run this existing machine instead of a file.")
    String stateMachineArn;

    @Option(
        names = "--input",
        paramLabel = "JSON|@FILE",
        description = "The execution input (default: {}).")
    String input;

    @Option(names = "--name", description = "The state machine's name (default: the file's name).")
    String name;

    @Option(
        names = "--role-arn",
        paramLabel = "ARN",
        description = "The machine's execution role (required for a file, except with --local).")
    String roleArn;

    @Option(
        names = "--execution-name",
        paramLabel = "NAME",
        description = "The execution's name (default: run-<time>).")
    String executionName;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        description = "Stop waiting (and stop the execution) after this long, like 90m.")
    String timeout;

    @Option(
        names = "--watch-clusters",
        negatable = true,
        defaultValue = "true",
        fallbackValue = "true",
        description = "Show the EMR clusters and steps created meanwhile (default: true).")
    boolean watchClusters = true;

    @Option(names = "--keep", description = "On Ctrl-C or --timeout, leave the execution running.")
    boolean keep;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      Executions.Request q = new Executions.Request();
      if ((file == null) == (stateMachineArn == null)) {
        throw new UsageError("give a definition FILE or --state-machine-arn, not both or neither");
      }
      q.input = Executions.input(root, input);
      q.timeout = timeout == null ? null : Commands.duration("--timeout", timeout);
      q.executionName = executionName;
      q.watchClusters = watchClusters;
      q.keep = keep;
      if (file != null) {
        q.machine = load(root, file);
        q.machineName = name != null ? name : Executions.nameOf(file);
        if (!q.machineName.matches("[A-Za-z0-9_-]{1,80}")) {
          throw new UsageError("--name must be 1-80 letters, digits, - or _ (was " + name + ")");
        }
        q.roleArn = roleArn != null ? roleArn : root.local ? LocalAws.LOCAL_ROLE_ARN : null;
        if (q.roleArn == null) {
          throw new UsageError("asl run FILE needs --role-arn (the machine's execution role)");
        }
      } else {
        if (!stateMachineArn.matches("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:.+")) {
          throw new UsageError(
              "--state-machine-arn is not a state machine ARN: " + stateMachineArn);
        }
        q.stateMachineArn = stateMachineArn;
      }
      Executions ex = new Executions(root);
      return ex.emit(ex.run(q));
    }
  }
}

package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.emrlaunch.core.launch.ClusterFailedException;
import io.emrlaunch.core.launch.ClusterWaitTimeoutException;
import io.emrlaunch.core.launch.StepFailedException;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.ssm.SsmRecordStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** The {@code emr-launch} command and the options every subcommand shares. */
@Command(
    name = "emr-launch",
    mixinStandardHelpOptions = true,
    versionProvider = Root.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Launch and orchestrate Amazon EMR clusters: records in SSM, clusters, Spark jobs, state"
          + " machines.",
      "--local runs every command on a simulated AWS (no account, no network; state in"
          + " .emr-launch/local/)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  emr-launch run-job examples/spark-job.json --local",
      "  emr-launch profiles put examples/profile.json --local",
      "  emr-launch clusters launch --function default/nightly --override CoreInstanceCount=4 --wait",
      "  emr-launch asl validate examples/broken.asl.json",
      "  emr-launch asl build spark-job --profile-file examples/profile.json > spark-job.asl.json",
      "  emr-launch asl run spark-job.asl.json --input @examples/spark-job.json --local",
      "  emr-launch provision apply examples/provisioning.json --local",
      "",
      "Exit codes: 0 ok; 1 a job, step or cluster failed (or AWS refused a call); 2 bad usage or"
          + " invalid input (nothing was sent to AWS); 130 interrupted.",
      "AWS: the SDK's default credential and region chains; --profile, --region and"
          + " --endpoint-url override them."
    },
    subcommands = {
      RunJobCommand.class,
      ClusterCommands.class,
      StepCommands.class,
      RecordCommands.Profiles.class,
      RecordCommands.Configurations.class,
      RecordCommands.Functions.class,
      AslCommands.class,
      ProvisionCommands.class,
      LocalCommands.class,
      CommandLine.HelpCommand.class,
      picocli.AutoComplete.GenerateCompletion.class
    })
public final class Root implements Runnable {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Output formats. */
  public enum Output {
    /** For people. */
    text,
    /** For scripts: stable JSON on stdout. */
    json
  }

  /** Progress display choices. */
  public enum ProgressOption {
    /** Live on a terminal, plain lines otherwise. */
    auto,
    /** Always the live status line. */
    live,
    /** Always plain lines. */
    plain,
    /** None. */
    none
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--output",
      scope = ScopeType.INHERIT,
      paramLabel = "text|json",
      description = "Output format (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Output output = Output.text;

  @Option(
      names = "--region",
      scope = ScopeType.INHERIT,
      description = "AWS region (default: the SDK's region chain).")
  String region;

  @Option(
      names = "--profile",
      scope = ScopeType.INHERIT,
      description = "AWS named profile (default: the SDK's credential chain).")
  String awsProfile;

  @Option(
      names = "--endpoint-url",
      scope = ScopeType.INHERIT,
      description = "Send every call to this endpoint (moto, LocalStack).")
  URI endpointUrl;

  @Option(
      names = "--local",
      scope = ScopeType.INHERIT,
      description = "Run on the embedded simulated AWS; state in .emr-launch/local/.")
  boolean local;

  @Option(
      names = "--speed",
      scope = ScopeType.INHERIT,
      paramLabel = "N",
      description =
          "With --local: simulated seconds per real second (default: ${DEFAULT-VALUE}; 0 = as"
              + " fast as possible).",
      defaultValue = "240")
  double speed = 240;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "Print only the result.")
  boolean quiet;

  @Option(
      names = "--progress",
      scope = ScopeType.INHERIT,
      hidden = true,
      defaultValue = "auto",
      description = "auto|live|plain|none")
  ProgressOption progressOption = ProgressOption.auto;

  private Path workDir = Path.of("");
  private Backend backend;
  private SsmRecordStore store;
  private Progress progress;

  /** Sets the working directory (where .emr-launch/local lives and relative files are read). */
  public Root workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  // ---- shared services ----

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  boolean json() {
    return output == Output.json;
  }

  Path resolve(String file) {
    return workDir.resolve(file);
  }

  Path localDir() {
    return workDir.resolve(".emr-launch").resolve("local");
  }

  /** Reads a file the user named; a missing or unreadable one is a usage error. */
  String readFile(String file) {
    Path p = resolve(file);
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageError(file + ": no such file");
    } catch (IOException e) {
      throw new UsageError(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** Reads a JSON file; malformed JSON is a usage error naming the line. */
  JsonNode readJson(String file) {
    String text = readFile(file);
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null) {
        throw new UsageError(file + ": empty file");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new UsageError(
          file
              + ": not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    }
  }

  /** Checks a region name before any client exists. */
  static Region checkRegion(String name, String what) {
    Region r = Region.of(name);
    if (!Region.regions().contains(r)) {
      throw new UsageError(
          what + " " + name + " is not an AWS region (for example us-east-1, eu-west-1)");
    }
    return r;
  }

  /**
   * The backend, created on first use.
   *
   * @param requestedRegion a region the input asks for (a payload's), or null
   */
  Backend backend(String requestedRegion) {
    if (backend != null) {
      return backend;
    }
    if (local) {
      if (endpointUrl != null) {
        throw new UsageError("--local and --endpoint-url exclude each other");
      }
      if (speed < 0) {
        throw new UsageError("--speed must be >= 0 (was " + speed + ")");
      }
      LocalBackend b = new LocalBackend(localDir(), speed);
      backend = b;
      if (!quiet) {
        err()
            .println(
                "SIMULATION: AWS is simulated in-process ("
                    + (speed > 0 ? speed + "x real time" : "as fast as possible")
                    + "); state in "
                    + localDir()
                    + ". Nothing is sent to AWS.");
        err().flush();
      }
      return backend;
    }
    Region r;
    if (region != null) {
      r = checkRegion(region, "--region");
      if (requestedRegion != null && !Region.of(requestedRegion).equals(r)) {
        throw new UsageError(
            "the input asks for region " + requestedRegion + " but --region is " + region);
      }
    } else if (requestedRegion != null) {
      r = checkRegion(requestedRegion, "region");
    } else {
      try {
        r = checkRegion(new DefaultAwsRegionProviderChain().getRegion().id(), "region");
      } catch (SdkException e) {
        throw new UsageError("no AWS region: pass --region or set AWS_REGION");
      }
    }
    backend = new RealBackend(r, awsProfile, endpointUrl);
    return backend;
  }

  Backend backend() {
    return backend(null);
  }

  SsmRecordStore store() {
    if (store == null) {
      Backend b = backend();
      store = SsmRecordStore.builder().client(b.ssm()).clock(b.clock()).build();
    }
    return store;
  }

  Progress progress() {
    if (progress == null) {
      Backend b = backend();
      Progress.Mode mode =
          quiet
              ? Progress.Mode.QUIET
              : switch (progressOption) {
                case none -> Progress.Mode.QUIET;
                case plain -> Progress.Mode.PLAIN;
                case live -> Progress.Mode.LIVE;
                case auto -> System.console() != null ? Progress.Mode.LIVE : Progress.Mode.PLAIN;
              };
      progress =
          new Progress(
              err(), mode, b.clock(), b.simulated() ? (speed > 0 ? speed + "x" : "max") : null);
    }
    return progress;
  }

  /** Waits for {@code f} with progress. */
  <T> T await(java.util.concurrent.CompletableFuture<T> f) {
    Progress p = progress();
    try {
      return backend().await(f, p::tick);
    } finally {
      p.finish();
    }
  }

  /** How long {@link #awaitQuietly} waits for one clean-up call. */
  static final java.time.Duration QUIET_WAIT = java.time.Duration.ofSeconds(30);

  /**
   * Waits for a clean-up call after Ctrl-C or a failed wait: no progress, no Ctrl-C check, at most
   * a minute of (simulated) time.
   */
  <T> T awaitQuietly(java.util.concurrent.CompletableFuture<T> f) {
    if (backend() instanceof LocalBackend local) {
      local.aws().time().runUntil(f, java.time.Duration.ofMinutes(1));
    }
    try {
      return f.get(QUIET_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Prints a result: the JSON with --output json, else the text. */
  void emit(JsonNode json, String text) {
    if (json()) {
      try {
        out().println(JSON.writeValueAsString(json));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else if (!text.isEmpty()) {
      out().println(text);
    }
    out().flush();
  }

  /** Saves the simulation and closes clients. */
  public void closeQuietly() {
    if (backend != null) {
      Backend b = backend;
      backend = null;
      b.close();
      if (b.simulated() && !quiet && output == Output.text) {
        err().println("(simulated: nothing was sent to AWS)");
        err().flush();
      }
    }
  }

  // ---- errors and exit codes ----

  /** Exit code of a failed job, step or cluster, or a refused AWS call. */
  public static final int FAILED = 1;

  /** Exit code of bad usage or invalid input. */
  public static final int USAGE = 2;

  /** Exit code after Ctrl-C. */
  public static final int INTERRUPTED = 130;

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Prints one line for an exception and returns its exit code.
   *
   * @param ex what the command threw
   * @param cl the command line
   * @return the exit code
   */
  public static int handleException(Exception ex, CommandLine cl) {
    Throwable t = unwrap(ex);
    PrintWriter err = cl.getErr();
    int code;
    String line;
    if (t instanceof UsageError) {
      code = USAGE;
      line = t.getMessage();
    } else if (t instanceof ValidationException v) {
      code = USAGE;
      StringBuilder b = new StringBuilder("invalid input: ");
      for (int i = 0; i < v.problems().size(); i++) {
        Problem p = v.problems().get(i);
        b.append(i == 0 ? "" : "; ").append(p.path()).append(": ").append(p.message());
      }
      line = b.toString();
    } else if (t instanceof Executions.Failed) {
      code = FAILED;
      line = "failed: " + t.getMessage();
    } else if (t instanceof io.emrlaunch.provisioning.ProvisioningException) {
      code = FAILED;
      line = "provisioning failed: " + t.getMessage();
    } else if (t instanceof StepFailedException
        || t instanceof ClusterFailedException
        || t instanceof ClusterWaitTimeoutException) {
      code = FAILED;
      line = "failed: " + t.getMessage();
    } else if (t instanceof Interrupts.InterruptedByUser) {
      code = INTERRUPTED;
      line = t.getMessage();
    } else if (t instanceof SdkException) {
      code = FAILED;
      line = "AWS error: " + t.getMessage();
    } else if (t instanceof java.io.UncheckedIOException u) {
      code = FAILED;
      line = "error: " + u.getMessage();
    } else {
      code = FAILED;
      line = "error: " + t;
    }
    err.println("emr-launch: " + line.replace('\n', ' '));
    diagnosis(t)
        .ifPresent(
            d -> {
              // the line above already names the cause; add the evidence and what to try
              d.evidence().forEach(e -> err.println("  " + e.render().replace('\n', ' ')));
              d.suggestion()
                  .ifPresent(x -> err.println("emr-launch: try: " + x.replace('\n', ' ')));
            });
    err.flush();
    return code;
  }

  /** The diagnosis a failed step or cluster carries (read from its logs), if any. */
  static java.util.Optional<io.emrlaunch.core.diagnosis.Diagnosis> diagnosis(Throwable t) {
    if (t instanceof StepFailedException f) {
      return f.diagnosis();
    }
    if (t instanceof ClusterFailedException f) {
      return f.diagnosis();
    }
    return java.util.Optional.empty();
  }

  /** {@code --version}. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Root.class.getPackage().getImplementationVersion();
      return new String[] {
        "emr-launch " + (v == null ? "0.1.0-SNAPSHOT" : v),
        "Java "
            + System.getProperty("java.version")
            + ", AWS SDK for Java v2, picocli "
            + CommandLine.VERSION
      };
    }
  }
}

package io.emrlaunch.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.core.model.internal.ClusterManagerPayloads;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The execution input of the Lambda-based "EMR Cluster Manager", read exactly as its users write it
 * (snake_case keys, its defaults), and turned into a {@link SparkJob}:
 *
 * <pre>{@code
 * {"job_name": "daily", "resource": "report", "namespace": "report",
 *  "arguments": [{"argument": "date", "value": "2024-01-01"}],
 *  "code_files": "s3://code/report/code.zip", "code_entrypoint": "main.py",
 *  "mem_executor": "16G", "mem_driver": "8G", "master_type": "m5.xlarge", "slave_type": "m5.2xlarge",
 *  "release": "emr-7.5.0", "region": "eu-west-1", "log_bucket": "s3://my-logs",
 *  "subnet": "subnet-0abc", "spark_packages": []}
 * }</pre>
 *
 * <p>Each argument is passed to the application as {@code namespace.argname=value} (here {@code
 * report.date=2024-01-01}). A {@code code_entrypoint} that is not an S3 URI names a file next to
 * {@code code_files} ({@code main.py} above is {@code s3://code/report/main.py}). Every problem
 * names the payload's own key ({@code arguments[0].value}, {@code mem_executor}); unknown keys are
 * refused, so a misspelt optional key does not silently fall back to its default.
 */
public final class ClusterManagerPayload {

  /** The keys of the payload, in documented order. */
  public static final List<String> KEYS =
      List.of(
          "job_name",
          "resource",
          "namespace",
          "arguments",
          "code_files",
          "code_entrypoint",
          "mem_executor",
          "mem_driver",
          "master_type",
          "slave_type",
          "release",
          "region",
          "log_bucket",
          "subnet",
          "spark_packages");

  /** One {@code {"argument": name, "value": value}} entry. */
  public record Argument(String argument, String value) {
    /**
     * Checks for null.
     *
     * @param argument the name (without the namespace)
     * @param value the value, as text
     */
    public Argument {
      Objects.requireNonNull(argument, "argument");
      Objects.requireNonNull(value, "value");
    }
  }

  private final String jobName;
  private final Optional<String> resource;
  private final Optional<String> namespace;
  private final List<Argument> arguments;
  private final Optional<String> codeFiles;
  private final String codeEntrypoint;
  private final String memExecutor;
  private final String memDriver;
  private final String masterType;
  private final String slaveType;
  private final String release;
  private final Optional<String> region;
  private final Optional<String> logBucket;
  private final Optional<String> subnet;
  private final List<String> sparkPackages;

  private ClusterManagerPayload(ClusterManagerPayloads.Fields f) {
    this.jobName = f.jobName;
    this.resource = Optional.ofNullable(f.resource);
    this.namespace = Optional.ofNullable(f.namespace);
    List<Argument> args = new ArrayList<>();
    for (String[] a : f.arguments) {
      args.add(new Argument(a[0], a[1]));
    }
    this.arguments = List.copyOf(args);
    this.codeFiles = Optional.ofNullable(f.codeFiles);
    this.codeEntrypoint = f.codeEntrypoint;
    this.memExecutor = f.memExecutor;
    this.memDriver = f.memDriver;
    this.masterType = f.masterType;
    this.slaveType = f.slaveType;
    this.release = f.release;
    this.region = Optional.ofNullable(f.region);
    this.logBucket = Optional.ofNullable(f.logBucket);
    this.subnet = Optional.ofNullable(f.subnet);
    this.sparkPackages = List.copyOf(f.sparkPackages);
  }

  /**
   * Reads a payload from JSON text.
   *
   * @param json the payload
   * @return the payload, checked
   * @throws ValidationException listing every problem by payload key ({@code $} for text that is
   *     not JSON)
   */
  public static ClusterManagerPayload fromJson(String json) {
    JsonNode node;
    try {
      node = EmrLaunchJson.reader().readTree(json);
    } catch (JsonProcessingException e) {
      throw new ValidationException(
          List.of(
              Problem.of(
                  "$",
                  "not JSON: "
                      + e.getOriginalMessage()
                      + " (line "
                      + e.getLocation().getLineNr()
                      + ")")));
    }
    return read(node);
  }

  /**
   * Reads a payload.
   *
   * @param payload the payload object
   * @return the payload, checked (including every rule of the {@link SparkJob} it becomes)
   * @throws ValidationException listing every problem by payload key
   */
  public static ClusterManagerPayload read(JsonNode payload) {
    Problems p = Problems.root();
    ClusterManagerPayloads.Fields f = ClusterManagerPayloads.read(payload, p);
    if (f.jobName == null || f.codeEntrypoint == null) {
      p.throwIfAny();
    }
    // Every problem at once: the job's own rules run on whatever the payload's keys gave.
    ClusterManagerPayload read = new ClusterManagerPayload(f);
    List<Problem> all = new ArrayList<>(p.problems());
    for (Problem jp : ClusterManagerPayloads.toPayloadPaths(read.sparkJob().validationProblems())) {
      if (all.stream().noneMatch(q -> q.path().equals(jp.path()))) {
        all.add(jp);
      }
    }
    if (!all.isEmpty()) {
      throw new ValidationException(all);
    }
    return read;
  }

  /** {@code job_name}: the cluster's and the step's name. */
  public String jobName() {
    return jobName;
  }

  /** {@code resource}: the resource being executed (tagged on the cluster). */
  public Optional<String> resource() {
    return resource;
  }

  /** {@code namespace}: the prefix of every argument name. */
  public Optional<String> namespace() {
    return namespace;
  }

  /** {@code arguments}, in order. */
  public List<Argument> arguments() {
    return arguments;
  }

  /** {@code code_files}: the S3 zip of the code (Spark's {@code --py-files}). */
  public Optional<String> codeFiles() {
    return codeFiles;
  }

  /** {@code code_entrypoint}: the file executed, as written in the payload. */
  public String codeEntrypoint() {
    return codeEntrypoint;
  }

  /** {@code mem_executor}, default {@code 16G}. */
  public String memExecutor() {
    return memExecutor;
  }

  /** {@code mem_driver}, default {@code 8G}. */
  public String memDriver() {
    return memDriver;
  }

  /** {@code master_type}, default {@code m5.xlarge}. */
  public String masterType() {
    return masterType;
  }

  /** {@code slave_type} (core nodes), default {@code m5.2xlarge}. */
  public String slaveType() {
    return slaveType;
  }

  /** {@code release}, default {@value SparkJob#DEFAULT_RELEASE}. */
  public String release() {
    return release;
  }

  /** {@code region}. */
  public Optional<String> region() {
    return region;
  }

  /** {@code log_bucket} as written (an S3 URI or a bucket name). */
  public Optional<String> logBucket() {
    return logBucket;
  }

  /** {@code subnet}. */
  public Optional<String> subnet() {
    return subnet;
  }

  /** {@code spark_packages}. */
  public List<String> sparkPackages() {
    return sparkPackages;
  }

  /**
   * The arguments as the application receives them: {@code namespace.argname=value}.
   *
   * @return the rendered arguments, in payload order
   */
  public List<String> renderedArguments() {
    List<String> out = new ArrayList<>();
    for (Argument a : arguments) {
      out.add(
          ClusterManagerPayloads.argumentName(namespace.orElse(null), a.argument())
              + "="
              + a.value());
    }
    return out;
  }

  /**
   * The entry point spark-submit runs: {@code code_entrypoint} when it is an S3 URI, else the file
   * of that name next to {@code code_files}.
   *
   * @return the S3 URI
   */
  public String entryPoint() {
    return ClusterManagerPayloads.entryPoint(codeEntrypoint, codeFiles.orElse(null));
  }

  /**
   * The payload as a {@link SparkJob}: one master, two core instances, the payload's memory, types,
   * release, subnet, logs bucket and Spark packages; tags {@code emr-launch:job} and (when given)
   * {@code emr-launch:resource}.
   *
   * @return the job (valid: {@link #read(JsonNode)} checked it)
   */
  public SparkJob toSparkJob() {
    return sparkJob();
  }

  /**
   * The payload back as JSON, every key present (defaults filled in).
   *
   * @return the JSON object
   */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("job_name", jobName);
    resource.ifPresent(v -> o.put("resource", v));
    namespace.ifPresent(v -> o.put("namespace", v));
    ArrayNode args = o.putArray("arguments");
    arguments.forEach(a -> args.addObject().put("argument", a.argument()).put("value", a.value()));
    codeFiles.ifPresent(v -> o.put("code_files", v));
    o.put("code_entrypoint", codeEntrypoint);
    o.put("mem_executor", memExecutor);
    o.put("mem_driver", memDriver);
    o.put("master_type", masterType);
    o.put("slave_type", slaveType);
    o.put("release", release);
    region.ifPresent(v -> o.put("region", v));
    logBucket.ifPresent(v -> o.put("log_bucket", v));
    subnet.ifPresent(v -> o.put("subnet", v));
    ArrayNode pk = o.putArray("spark_packages");
    sparkPackages.forEach(pk::add);
    return o;
  }

  private SparkJob sparkJob() {
    var b =
        SparkJob.builder()
            .jobName(jobName)
            .entryPoint(entryPoint())
            .executorMemory(memExecutor)
            .driverMemory(memDriver)
            .masterInstanceType(masterType)
            .coreInstanceType(slaveType)
            .releaseLabel(release)
            .addAllSparkPackages(sparkPackages)
            .putTags("emr-launch:job", jobName);
    codeFiles.ifPresent(b::codeFiles);
    resource.ifPresent(r -> b.putTags("emr-launch:resource", r));
    region.ifPresent(b::region);
    subnet.ifPresent(b::subnetId);
    logBucket.map(ClusterManagerPayloads::bucketOf).ifPresent(b::logBucket);
    // Rendered as positional arguments so that their order (and repeated names) survive.
    b.addAllArguments(renderedArguments());
    return b.build();
  }

  @Override
  public String toString() {
    return "ClusterManagerPayload" + toJson();
  }
}

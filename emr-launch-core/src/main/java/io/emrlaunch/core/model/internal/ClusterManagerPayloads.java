package io.emrlaunch.core.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.model.ClusterManagerPayload;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading and checking of {@link ClusterManagerPayload}: keys, types, defaults, paths. */
public final class ClusterManagerPayloads {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern BUCKET_URI =
      Pattern.compile("(?:s3a?://)?([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/?");

  /** SparkJob field -> payload key, for problems found by the job's own rules. */
  private static final Map<String, String> JOB_TO_PAYLOAD =
      Map.ofEntries(
          Map.entry("jobName", "job_name"),
          Map.entry("entryPoint", "code_entrypoint"),
          Map.entry("codeFiles", "code_files"),
          Map.entry("executorMemory", "mem_executor"),
          Map.entry("driverMemory", "mem_driver"),
          Map.entry("masterInstanceType", "master_type"),
          Map.entry("coreInstanceType", "slave_type"),
          Map.entry("releaseLabel", "release"),
          Map.entry("region", "region"),
          Map.entry("logBucket", "log_bucket"),
          Map.entry("subnetId", "subnet"),
          Map.entry("sparkPackages", "spark_packages"),
          Map.entry("tags", "job_name"));

  private ClusterManagerPayloads() {}

  /** The raw, type-checked fields of a payload (defaults applied). */
  public static final class Fields {
    public String jobName;
    public String resource;
    public String namespace;
    public final List<String[]> arguments = new ArrayList<>();
    public String codeFiles;
    public String codeEntrypoint;
    public String memExecutor = "16G";
    public String memDriver = "8G";
    public String masterType = "m5.xlarge";
    public String slaveType = "m5.2xlarge";
    public String release = SparkJob.DEFAULT_RELEASE;
    public String region;
    public String logBucket;
    public String subnet;
    public final List<String> sparkPackages = new ArrayList<>();
  }

  /** Reads {@code node} into fields, reporting every problem by payload key into {@code p}. */
  public static Fields read(JsonNode node, Problems p) {
    Fields f = new Fields();
    if (node == null || !node.isObject()) {
      p.add("$", "the payload must be a JSON object (was " + kind(node) + ")");
      return f;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!ClusterManagerPayload.KEYS.contains(key)) {
        p.add(
            key,
            "unknown key (the payload's keys are "
                + String.join(", ", ClusterManagerPayload.KEYS)
                + ")");
      }
    }
    f.jobName = text(node, "job_name", true, p);
    f.resource = text(node, "resource", false, p);
    f.namespace = text(node, "namespace", false, p);
    f.codeFiles = text(node, "code_files", false, p);
    f.codeEntrypoint = text(node, "code_entrypoint", true, p);
    f.memExecutor = orDefault(text(node, "mem_executor", false, p), f.memExecutor);
    f.memDriver = orDefault(text(node, "mem_driver", false, p), f.memDriver);
    f.masterType = orDefault(text(node, "master_type", false, p), f.masterType);
    f.slaveType = orDefault(text(node, "slave_type", false, p), f.slaveType);
    f.release = orDefault(text(node, "release", false, p), f.release);
    f.region = text(node, "region", false, p);
    f.logBucket = text(node, "log_bucket", false, p);
    f.subnet = text(node, "subnet", false, p);
    if (f.namespace != null && !NAMESPACE.matcher(f.namespace).matches()) {
      p.add("namespace", "must look like a name or a dotted name (was \"" + f.namespace + "\")");
    }
    if (f.logBucket != null && !BUCKET_URI.matcher(f.logBucket).matches()) {
      p.add(
          "log_bucket",
          "must be the URI of a bucket, like s3://my-logs (was \"" + f.logBucket + "\")");
    }
    JsonNode args = node.get("arguments");
    if (args != null && !args.isNull()) {
      if (!args.isArray()) {
        p.add(
            "arguments",
            "must be a list of {\"argument\", \"value\"} objects (was " + kind(args) + ")");
      } else {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
          Problems at = p.at("arguments", i);
          JsonNode a = args.get(i);
          if (!a.isObject()) {
            at.add(
                "must be an object {\"argument\": name, \"value\": value} (was " + kind(a) + ")");
            continue;
          }
          for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("argument") && !k.equals("value")) {
              at.add(k, "unknown key (an argument has \"argument\" and \"value\")");
            }
          }
          String name = text(a, "argument", true, at);
          JsonNode v = a.get("value");
          String value = null;
          if (v == null || v.isNull()) {
            at.add("value", "is required");
          } else if (v.isValueNode()) {
            value = v.asText();
          } else {
            at.add("value", "must be a string, number or boolean (was " + kind(v) + ")");
          }
          if (name != null && !NAME.matcher(name).matches()) {
            at.add("argument", "must be a name of letters, digits, _ and - (was \"" + name + "\")");
          } else if (name != null && !seen.add(name)) {
            at.add("argument", "duplicate argument \"" + name + "\"");
          }
          if (name != null && value != null) {
            f.arguments.add(new String[] {name, value});
          }
        }
        if (args.size() > 0 && f.namespace == null) {
          p.add(
              "namespace",
              "is required when arguments are given (they are passed as namespace.argname=value)");
        }
      }
    }
    JsonNode pk = node.get("spark_packages");
    if (pk != null && !pk.isNull()) {
      if (!pk.isArray()) {
        p.add("spark_packages", "must be a list of Maven coordinates (was " + kind(pk) + ")");
      } else {
        for (int i = 0; i < pk.size(); i++) {
          if (!pk.get(i).isTextual()) {
            p.at("spark_packages", i).add("must be a string (was " + kind(pk.get(i)) + ")");
          } else {
            f.sparkPackages.add(pk.get(i).asText());
          }
        }
      }
    }
    return f;
  }

  /** {@code namespace.argname}, or {@code argname} without a namespace. */
  public static String argumentName(String namespace, String argument) {
    return namespace == null || namespace.isEmpty() ? argument : namespace + "." + argument;
  }

  /** The entry point: an S3 URI as is, else the file next to {@code codeFiles}. */
  public static String entryPoint(String entrypoint, String codeFiles) {
    if (entrypoint == null || entrypoint.startsWith("s3://") || entrypoint.startsWith("s3a://")) {
      return entrypoint;
    }
    if (codeFiles == null || codeFiles.lastIndexOf('/') < "s3://".length()) {
      return entrypoint;
    }
    String file = entrypoint.startsWith("./") ? entrypoint.substring(2) : entrypoint;
    return codeFiles.substring(0, codeFiles.lastIndexOf('/') + 1) + file;
  }

  /** The bucket name of {@code s3://bucket}, {@code s3://bucket/} or {@code bucket}. */
  public static String bucketOf(String uri) {
    var m = BUCKET_URI.matcher(uri);
    return m.matches() ? m.group(1) : uri;
  }

  /** Renames the {@link SparkJob} fields of {@code problems} to the payload's keys. */
  public static List<Problem> toPayloadPaths(List<Problem> problems) {
    List<Problem> out = new ArrayList<>();
    for (Problem pr : problems) {
      String path = pr.path();
      String head = path;
      String rest = "";
      int cut = indexOfAny(path, '.', '[');
      if (cut >= 0) {
        head = path.substring(0, cut);
        rest = path.substring(cut);
      }
      String key = JOB_TO_PAYLOAD.get(head);
      String message = pr.message();
      if (head.equals("entryPoint")) {
        message = message + " (code_entrypoint is an S3 URI or a file next to code_files)";
      }
      out.add(Problem.of(key == null ? path : key + rest, message));
    }
    return out;
  }

  private static int indexOfAny(String s, char a, char b) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == a || s.charAt(i) == b) {
        return i;
      }
    }
    return -1;
  }

  private static String orDefault(String v, String d) {
    return v == null ? d : v;
  }

  private static String text(JsonNode node, String key, boolean required, Problems p) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        p.add(key, "is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      p.add(key, "must be a string (was " + kind(v) + ")");
      return null;
    }
    if (v.asText().isBlank()) {
      if (required) {
        p.add(key, "must not be blank");
      }
      return null;
    }
    return v.asText();
  }

  private static String kind(JsonNode n) {
    if (n == null || n.isNull()) {
      return "null";
    }
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "a number " + n.asText();
    }
    if (n.isBoolean()) {
      return "a boolean " + n.asText();
    }
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}

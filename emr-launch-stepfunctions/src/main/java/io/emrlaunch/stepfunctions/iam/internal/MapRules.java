package io.emrlaunch.stepfunctions.iam.internal;

import io.emrlaunch.stepfunctions.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.List;

/** Distributed Map: child executions, ItemReader and ResultWriter on Amazon S3. */
final class MapRules {
  private MapRules() {}

  /** A Distributed Map starts child executions of its own state machine. */
  static void distributedMap(Derivation d, TaskSite site) {
    d.integration("states:distributedMap");
    if (d.stateMachineName == null) {
      d.problems.add(
          site.path(),
          "is a Distributed Map: its child executions need states:StartExecution on this state"
              + " machine; give ExecutionRolePolicy.Builder.stateMachineName(...)");
      return;
    }
    d.emit(
        PolicyStatement.allow()
            .actions("states:StartExecution")
            .resources(d.arns.stateMachine(d.stateMachineName))
            .build());
    // Child executions are named "<stateMachine>/<mapRunLabel>:<id>".
    d.emit(
        PolicyStatement.allow()
            .actions("states:DescribeExecution", "states:StopExecution")
            .resources(d.arns.regional("states", "execution:" + d.stateMachineName + "/*"))
            .build());
  }

  static void readerOrWriter(Derivation d, TaskSite site, String rest) {
    d.integration(rest);
    List<String> buckets = d.required(site, "Bucket", "the bucket names");
    switch (rest) {
      case "s3:getObject" -> {
        List<String> keys = d.required(site, "Key", "the object keys (wildcards allowed)");
        if (buckets == null || keys == null) {
          return;
        }
        List<String> objects = new ArrayList<>();
        boolean manifest =
            site.node() != null
                && "MANIFEST".equals(site.node().path("ReaderConfig").path("InputType").asText(""));
        for (String b : buckets) {
          for (String k : keys) {
            objects.add(d.arns.s3(b + "/" + k));
            if (manifest) {
              // An S3 Inventory manifest lists data files under <config>/data/, two levels above
              // <config>/<date>/manifest.json: reading them needs that subtree too.
              objects.add(d.arns.s3(b + "/" + inventoryRoot(k) + "*"));
            }
          }
        }
        d.emit(PolicyStatement.allow().actions("s3:GetObject").resources(objects).build());
      }
      case "s3:listObjectsV2" -> {
        if (buckets != null) {
          d.emit(
              PolicyStatement.allow()
                  .actions("s3:ListBucket")
                  .resources(buckets.stream().map(d.arns::s3).toList())
                  .build());
        }
      }
      case "s3:putObject" -> {
        List<String> prefixes =
            site.has("Prefix") ? d.required(site, "Prefix", "the prefixes") : List.of("");
        if (buckets == null || prefixes == null) {
          return;
        }
        List<String> objects = new ArrayList<>();
        buckets.forEach(b -> prefixes.forEach(p -> objects.add(d.arns.s3(b + "/" + p + "*"))));
        d.emit(
            PolicyStatement.allow()
                .actions(
                    "s3:PutObject",
                    "s3:GetObject",
                    "s3:ListMultipartUploadParts",
                    "s3:AbortMultipartUpload")
                .resources(objects)
                .build());
      }
      default -> d.unsupported(site, rest);
    }
  }

  private static String inventoryRoot(String manifestKey) {
    String[] parts = manifestKey.split("/");
    if (parts.length < 3) {
      return "";
    }
    return String.join("/", List.of(parts).subList(0, parts.length - 2)) + "/";
  }
}

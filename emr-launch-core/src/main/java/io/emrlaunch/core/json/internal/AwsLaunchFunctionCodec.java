package io.emrlaunch.core.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.RecordCodec;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.Optional;

/**
 * aws-emr-launch's launch function record (inventory §3.5). Its allowed overrides address instance
 * groups and fleets by position; the standard layout (master, core, tasks) of aws-emr-launch's
 * managed configurations is assumed, as the record does not carry the configuration.
 */
public final class AwsLaunchFunctionCodec implements RecordCodec<LaunchFunction> {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Override
  public String write(LaunchFunction f) {
    ObjectNode n = F.objectNode();
    n.put("LaunchFunctionName", f.name());
    n.put("Namespace", f.namespace());
    n.put("EMRProfile", f.profile().toString());
    n.put("ClusterConfiguration", f.configuration().toString());
    n.put("ClusterName", f.clusterName());
    n.put("DefaultFailIfClusterRunning", f.defaultFailIfClusterRunning());
    put(n, "SuccessTopic", f.successTopicArn());
    put(n, "FailureTopic", f.failureTopicArn());
    put(n, "OverrideClusterConfigsLambda", f.overrideClusterConfigsLambdaArn());
    if (f.allowedOverrides().isEmpty()) {
      n.putNull("AllowedClusterConfigOverrides");
    } else {
      Problems p = Problems.root();
      n.set(
          "AllowedClusterConfigOverrides",
          AwsOverrides.write(f.allowedOverrides(), AwsPaths.Layout.standard(), null, p));
      p.throwIfAny();
    }
    put(n, "StateMachine", f.stateMachineArn());
    put(n, "Description", f.description());
    ArrayNode tags = n.putArray("ClusterTags");
    f.clusterTags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
    n.put("WaitForClusterStart", f.waitForClusterStart());
    return n.toString();
  }

  @Override
  public LaunchFunction read(String json) {
    JsonNode root = AwsRecords.parse(json);
    Problems p = Problems.root();
    LaunchFunction.Builder b = LaunchFunction.builder();
    String name = AwsRecords.requiredText(root, "LaunchFunctionName", p);
    b.name(name == null ? "" : name);
    b.namespace(AwsRecords.text(root, "Namespace").orElse(RecordRef.DEFAULT_NAMESPACE));
    ref(root, "EMRProfile", p).ifPresent(b::profile);
    ref(root, "ClusterConfiguration", p).ifPresent(b::configuration);
    b.clusterName(AwsRecords.text(root, "ClusterName").orElse(""));
    b.defaultFailIfClusterRunning(AwsRecords.bool(root, "DefaultFailIfClusterRunning", false, p));
    b.waitForClusterStart(AwsRecords.bool(root, "WaitForClusterStart", true, p));
    b.successTopicArn(AwsRecords.text(root, "SuccessTopic"));
    b.failureTopicArn(AwsRecords.text(root, "FailureTopic"));
    b.overrideClusterConfigsLambdaArn(AwsRecords.text(root, "OverrideClusterConfigsLambda"));
    b.stateMachineArn(AwsRecords.text(root, "StateMachine"));
    b.description(AwsRecords.text(root, "Description"));
    b.allowedOverrides(
        AwsOverrides.read(
            root.get("AllowedClusterConfigOverrides"),
            AwsPaths.Layout.standard(),
            p.at("AllowedClusterConfigOverrides")));
    JsonNode tags = root.path("ClusterTags");
    if (tags.isObject()) {
      // aws-emr-launch accepted a dict too
      tags.fields().forEachRemaining(e -> b.putClusterTags(e.getKey(), e.getValue().asText()));
    } else {
      for (int i = 0; i < tags.size(); i++) {
        Problems at = p.at("ClusterTags", i);
        String key = AwsRecords.requiredText(tags.get(i), "Key", at);
        String value = AwsRecords.text(tags.get(i), "Value").orElse("");
        if (key != null) {
          b.putClusterTags(key, value);
        }
      }
    }
    p.throwIfAny();
    return b.build();
  }

  private static Optional<RecordRef> ref(JsonNode root, String field, Problems p) {
    String text = AwsRecords.requiredText(root, field, p);
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(RecordRef.parse(text));
    } catch (ValidationException e) {
      p.at(field).addAll(e.problems());
      return Optional.empty();
    }
  }

  private static void put(ObjectNode n, String field, Optional<String> value) {
    if (value.isPresent()) {
      n.put(field, value.get());
    } else {
      n.putNull(field);
    }
  }
}

package io.emrlaunch.core.launch;

import io.emrlaunch.core.launch.internal.SdkModel;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.emr.model.Tag;

/** Operations on existing clusters and their steps, behind {@link ClusterLauncher}. */
final class ClusterOperations {
  private final LauncherContext ctx;

  ClusterOperations(LauncherContext ctx) {
    this.ctx = ctx;
  }

  CompletableFuture<ClusterSnapshot> terminate(String clusterId) {
    Objects.requireNonNull(clusterId, "clusterId");
    LauncherContext.LOG.info("terminating cluster {}", clusterId);
    return ctx.calls
        .idempotent(() -> ctx.emr.terminateJobFlows(r -> r.jobFlowIds(clusterId)))
        .thenCompose(r -> ctx.monitor.await(clusterId, ClusterTarget.TERMINATED));
  }

  CompletableFuture<Void> setTerminationProtection(String clusterId, boolean terminationProtected) {
    Objects.requireNonNull(clusterId, "clusterId");
    return ctx.calls
        .idempotent(
            () ->
                ctx.emr.setTerminationProtection(
                    r -> r.jobFlowIds(clusterId).terminationProtected(terminationProtected)))
        .thenApply(r -> null);
  }

  CompletableFuture<Void> addTags(String clusterId, Map<String, String> tags) {
    Objects.requireNonNull(clusterId, "clusterId");
    Problems p = Problems.root();
    LaunchPreparation.checkTags(p.at("tags"), tags);
    if (p.any()) {
      return CompletableFuture.failedFuture(new ValidationException(p.problems()));
    }
    List<Tag> sdkTags =
        tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
    return ctx.calls
        .idempotent(() -> ctx.emr.addTags(r -> r.resourceId(clusterId).tags(sdkTags)))
        .thenApply(r -> null);
  }

  CompletableFuture<Void> removeTags(String clusterId, Collection<String> keys) {
    Objects.requireNonNull(clusterId, "clusterId");
    List<String> copy = List.copyOf(keys);
    return ctx.calls
        .idempotent(() -> ctx.emr.removeTags(r -> r.resourceId(clusterId).tagKeys(copy)))
        .thenApply(r -> null);
  }

  CompletableFuture<StepRun> submitSteps(
      String clusterId, List<EmrStep> steps, StepArguments arguments) {
    Objects.requireNonNull(clusterId, "clusterId");
    Problems p = Problems.root();
    if (steps.isEmpty()) {
      p.add("steps", "at least one step is required");
    }
    List<EmrStep> changed = arguments.applyTo(steps, p);
    for (int i = 0; i < changed.size(); i++) {
      Problems at = p.at("steps", i);
      changed.get(i).validationProblems().forEach(pr -> at.add(pr.path(), pr.message()));
    }
    // AddJobFlowSteps takes one runtime role for the whole request.
    java.util.Set<String> roles = new java.util.LinkedHashSet<>();
    changed.forEach(st -> roles.add(st.executionRoleArn().orElse("")));
    if (roles.size() > 1) {
      for (int i = 0; i < changed.size(); i++) {
        p.at("steps", i)
            .add(
                "executionRoleArn",
                "every step of one submission must have the same execution role (or none):"
                    + " AddJobFlowSteps takes one");
      }
    }
    if (p.any()) {
      return CompletableFuture.failedFuture(new ValidationException(p.problems()));
    }
    String role = roles.iterator().next();
    var configs = changed.stream().map(SdkModel::step).toList();
    return ctx.calls
        .throttledOnly(
            () ->
                ctx.emr.addJobFlowSteps(
                    r ->
                        r.jobFlowId(clusterId)
                            .steps(configs)
                            .executionRoleArn(role.isEmpty() ? null : role)))
        .thenApply(
            r -> {
              LauncherContext.LOG.info("submitted steps {} to cluster {}", r.stepIds(), clusterId);
              return new StepRun(
                  clusterId,
                  r.stepIds(),
                  ctx.monitor,
                  ids -> cancelSteps(clusterId, ids),
                  ctx.diagnostics::explain);
            });
  }

  CompletableFuture<Void> cancelSteps(String clusterId, List<String> stepIds) {
    List<String> ids = List.copyOf(stepIds);
    return ctx.calls
        .idempotent(() -> ctx.emr.cancelSteps(r -> r.clusterId(clusterId).stepIds(ids)))
        .thenApply(r -> null);
  }
}

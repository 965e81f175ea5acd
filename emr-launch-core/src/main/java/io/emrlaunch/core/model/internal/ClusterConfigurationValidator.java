package io.emrlaunch.core.model.internal;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.validation.Problems;
import java.util.Optional;

/** Validation rules of {@link ClusterConfiguration}, with the ranges EMR documents. */
public final class ClusterConfigurationValidator {
  private ClusterConfigurationValidator() {}

  /** Reports every problem of {@code config} into {@code p}. */
  public static void validate(ClusterConfiguration config, Problems p) {
    p.ssmSafeName("namespace", config.namespace(), RecordRef.MAX_SEGMENT_LENGTH);
    p.ssmSafeName("name", config.name(), RecordRef.MAX_SEGMENT_LENGTH);
    Optional<ReleaseLabel> release = ReleaseLabel.parse(config.releaseLabel());
    if (release.isEmpty()) {
      p.matches(
          "releaseLabel",
          config.releaseLabel(),
          ReleaseLabel.PATTERN,
          "an EMR release label like emr-7.5.0");
    }
    config
        .stepConcurrencyLevel()
        .ifPresent(
            level -> {
              p.range("stepConcurrencyLevel", level, 1, 256);
              if (level > 1 && release.isPresent() && !release.get().atLeast(5, 28, 0)) {
                p.add("stepConcurrencyLevel", "needs emr-5.28.0 or later (was " + level + ")");
              }
            });
    config
        .autoTerminationIdleTimeoutSeconds()
        .ifPresent(t -> p.range("autoTerminationIdleTimeoutSeconds", t, 60, 604_800));
    config.ebsRootVolumeSize().ifPresent(s -> p.range("ebsRootVolumeSize", s, 15, 100));
    validateInstances(config.instances(), p.at("instances"));
  }

  private static void validateInstances(ClusterInstances instances, Problems p) {
    if (instances.usesInstanceGroups() && instances.usesInstanceFleets()) {
      p.add("", "use instance groups or instance fleets, not both");
    }
    if (instances.usesInstanceGroups()) {
      if (instances.masterGroup().isEmpty()) {
        p.add("masterGroup", "is required with instance groups");
      }
      instances
          .masterGroup()
          .ifPresent(
              g -> {
                if (g.instanceCount() != 1 && g.instanceCount() != 3) {
                  p.at("masterGroup")
                      .add("instanceCount", "must be 1 or 3 (was " + g.instanceCount() + ")");
                }
                validateGroup(g, p.at("masterGroup"));
              });
      instances.coreGroup().ifPresent(g -> validateGroup(g, p.at("coreGroup")));
      for (int i = 0; i < instances.taskGroups().size(); i++) {
        validateGroup(instances.taskGroups().get(i), p.at("taskGroups", i));
      }
    }
  }

  private static void validateGroup(InstanceGroupConfig group, Problems p) {
    p.required("instanceType", group.instanceType());
    p.min("instanceCount", group.instanceCount(), 0);
  }
}

package io.emrlaunch.core.json.internal;

import io.emrlaunch.core.launch.internal.SdkModel;
import io.emrlaunch.core.model.ApplicationOptions;
import io.emrlaunch.core.model.CapacityReservationOptions;
import io.emrlaunch.core.model.CloudWatchLogConfiguration;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.FleetResizeSpecification;
import io.emrlaunch.core.model.ManagedScalingPolicy;
import io.emrlaunch.core.model.MonitoringConfiguration;
import io.emrlaunch.core.model.PlacementGroupConfig;
import io.emrlaunch.core.model.RepoUpgradeOnBoot;
import io.emrlaunch.core.validation.Problems;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.InstanceFleetResizingSpecifications;
import software.amazon.awssdk.services.emr.model.OnDemandCapacityReservationOptions;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * The reverse mapping of the less common RunJobFlow fields (see {@link SdkToModel}): application
 * options, {@code AdditionalInfo}, {@code RepoUpgradeOnBoot}, placement groups, {@code
 * ExtendedSupport}, monitoring, {@code SessionEnabled}, advanced managed scaling, fleet resize
 * specifications and capacity reservations. Unknown enum values are reported with their path.
 */
public final class SdkToModelSurface {
  private SdkToModelSurface() {}

  /** Copies the request's less common top-level fields into {@code b}. */
  public static void resources(RunJobFlowRequest r, ClusterConfiguration.Builder b, Problems p) {
    for (int i = 0; i < r.applications().size(); i++) {
      Application a = r.applications().get(i);
      if (a.name() != null && (a.version() != null || a.hasArgs() || a.hasAdditionalInfo())) {
        b.putApplicationOptions(
            a.name(),
            ApplicationOptions.builder()
                .version(Optional.ofNullable(a.version()))
                .args(a.args())
                .additionalInfo(a.additionalInfo())
                .build());
      }
    }
    b.additionalInfo(Optional.ofNullable(r.additionalInfo()));
    if (r.repoUpgradeOnBootAsString() != null) {
      b.repoUpgradeOnBoot(
          enumOf(
              r.repoUpgradeOnBootAsString(),
              RepoUpgradeOnBoot.values(),
              Enum::name,
              p,
              "RepoUpgradeOnBoot"));
    }
    for (int i = 0; i < r.placementGroupConfigs().size(); i++) {
      var g = r.placementGroupConfigs().get(i);
      Problems at = p.at("PlacementGroupConfigs", i);
      Optional<PlacementGroupConfig.Role> role =
          enumOf(
              g.instanceRoleAsString(),
              PlacementGroupConfig.Role.values(),
              Enum::name,
              at,
              "InstanceRole");
      Optional<PlacementGroupConfig.Strategy> strategy =
          g.placementStrategyAsString() == null
              ? Optional.empty()
              : enumOf(
                  g.placementStrategyAsString(),
                  PlacementGroupConfig.Strategy.values(),
                  Enum::name,
                  at,
                  "PlacementStrategy");
      role.ifPresent(
          ro ->
              b.addPlacementGroupConfigs(
                  PlacementGroupConfig.builder()
                      .instanceRole(ro)
                      .placementStrategy(strategy)
                      .build()));
    }
    b.extendedSupport(Optional.ofNullable(r.extendedSupport()));
    b.sessionEnabled(Optional.ofNullable(r.sessionEnabled()));
    if (r.monitoringConfiguration() != null) {
      b.monitoring(monitoring(r.monitoringConfiguration(), p.at("MonitoringConfiguration")));
    }
  }

  private static MonitoringConfiguration monitoring(
      software.amazon.awssdk.services.emr.model.MonitoringConfiguration m, Problems p) {
    MonitoringConfiguration.Builder b = MonitoringConfiguration.builder();
    var cw = m.cloudWatchLogConfiguration();
    if (cw != null) {
      var c =
          CloudWatchLogConfiguration.builder()
              .enabled(Boolean.TRUE.equals(cw.enabled()))
              .logGroupName(Optional.ofNullable(cw.logGroupName()))
              .logStreamNamePrefix(Optional.ofNullable(cw.logStreamNamePrefix()))
              .encryptionKeyArn(Optional.ofNullable(cw.encryptionKeyArn()));
      if (cw.enabled() == null) {
        p.at("CloudWatchLogConfiguration").add("Enabled", "is required");
      }
      cw.logTypes().forEach(c::putLogTypes);
      b.cloudWatchLogs(c.build());
    }
    var s3 = m.s3LoggingConfiguration();
    if (s3 != null) {
      Problems at = p.at("S3LoggingConfiguration").at("LogTypeUploadPolicy");
      s3.logTypeUploadPolicyAsStrings()
          .forEach(
              (k, v) -> {
                Optional<MonitoringConfiguration.LogType> type =
                    enumOf(k, MonitoringConfiguration.LogType.values(), SdkModel::wire, at, k);
                Optional<MonitoringConfiguration.UploadPolicy> policy =
                    enumOf(v, MonitoringConfiguration.UploadPolicy.values(), SdkModel::wire, at, k);
                if (type.isPresent() && policy.isPresent()) {
                  b.putS3LogUploadPolicy(type.get(), policy.get());
                }
              });
    }
    return b.build();
  }

  /** The {@code ScalingStrategy} of a managed scaling policy. */
  public static Optional<ManagedScalingPolicy.ScalingStrategy> scalingStrategy(
      software.amazon.awssdk.services.emr.model.ManagedScalingPolicy m, Problems p) {
    return m.scalingStrategyAsString() == null
        ? Optional.empty()
        : enumOf(
            m.scalingStrategyAsString(),
            ManagedScalingPolicy.ScalingStrategy.values(),
            Enum::name,
            p,
            "ScalingStrategy");
  }

  /** On-demand capacity reservation options; empty when absent. */
  public static Optional<CapacityReservationOptions> capacityReservation(
      OnDemandCapacityReservationOptions o, Problems p) {
    if (o == null) {
      return Optional.empty();
    }
    var b =
        CapacityReservationOptions.builder()
            .resourceGroupArn(Optional.ofNullable(o.capacityReservationResourceGroupArn()));
    if (o.usageStrategyAsString() != null) {
      b.usageStrategy(
          enumOf(
              o.usageStrategyAsString(),
              CapacityReservationOptions.UsageStrategy.values(),
              SdkModel::wire,
              p,
              "UsageStrategy"));
    }
    if (o.capacityReservationPreferenceAsString() != null) {
      b.preference(
          enumOf(
              o.capacityReservationPreferenceAsString(),
              CapacityReservationOptions.Preference.values(),
              SdkModel::wire,
              p,
              "CapacityReservationPreference"));
    }
    return Optional.of(b.build());
  }

  /** A fleet's resize specification; empty when absent. */
  public static Optional<FleetResizeSpecification> resize(
      InstanceFleetResizingSpecifications r, Problems p) {
    if (r == null) {
      return Optional.empty();
    }
    var b = FleetResizeSpecification.builder();
    var spot = r.spotResizeSpecification();
    if (spot != null) {
      b.spotTimeoutMinutes(Optional.ofNullable(spot.timeoutDurationMinutes()))
          .spotAllocationStrategy(Optional.ofNullable(spot.allocationStrategyAsString()));
    }
    var od = r.onDemandResizeSpecification();
    if (od != null) {
      b.onDemandTimeoutMinutes(Optional.ofNullable(od.timeoutDurationMinutes()))
          .onDemandAllocationStrategy(Optional.ofNullable(od.allocationStrategyAsString()))
          .onDemandCapacityReservation(
              capacityReservation(
                  od.capacityReservationOptions(),
                  p.at("OnDemandResizeSpecification").at("CapacityReservationOptions")));
    }
    return Optional.of(b.build());
  }

  private static <E> Optional<E> enumOf(
      String text, E[] values, Function<E, String> name, Problems p, String field) {
    if (text == null) {
      p.add(field, "is required");
      return Optional.empty();
    }
    for (E e : values) {
      if (name.apply(e).equalsIgnoreCase(text)) {
        return Optional.of(e);
      }
    }
    p.add(
        field,
        "must be one of " + Arrays.stream(values).map(name).toList() + " (was \"" + text + "\")");
    return Optional.empty();
  }
}

package io.emrlaunch.core.model.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.model.ApplicationOptions;
import io.emrlaunch.core.model.CapacityReservationOptions;
import io.emrlaunch.core.model.CloudWatchLogConfiguration;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.FleetResizeSpecification;
import io.emrlaunch.core.model.InstanceFleetConfig;
import io.emrlaunch.core.model.ManagedScalingPolicy;
import io.emrlaunch.core.model.MonitoringConfiguration;
import io.emrlaunch.core.model.PlacementGroupConfig;
import io.emrlaunch.core.validation.Problems;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation rules of the less common RunJobFlow fields: application options, {@code
 * AdditionalInfo}, placement groups, monitoring, advanced managed scaling, fleet resize
 * specifications, capacity reservations and step log locations. Kept apart from {@link
 * ClusterConfigurationValidator} so each rule set stays small.
 */
public final class RunJobFlowSurfaceValidator {
  /** The maximum length of RunJobFlow's {@code AdditionalInfo}. */
  public static final int ADDITIONAL_INFO_MAX = 10_280;

  /** The utilization performance indexes advanced managed scaling accepts. */
  public static final List<Integer> PERFORMANCE_INDEXES = List.of(1, 25, 50, 75, 100);

  static final List<String> SPOT_STRATEGIES =
      List.of(
          "capacity-optimized",
          "price-capacity-optimized",
          "lowest-price",
          "diversified",
          "capacity-optimized-prioritized");
  static final List<String> ON_DEMAND_STRATEGIES = List.of("lowest-price", "prioritized");

  private static final Pattern KMS_KEY_ARN =
      Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key|alias)/.+");
  private static final Pattern RESOURCE_GROUP_ARN =
      Pattern.compile("arn:aws[a-z-]*:resource-groups:[a-z0-9-]+:\\d{12}:group/.+");
  private static final Pattern LOG_GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
  private static final Pattern S3_URI = Pattern.compile("s3n?://[^/\\s]+(/.*)?");

  /** Built on first use: most launches carry no additionalInfo (see FieldPaths on cold start). */
  private static final class Mapper {
    static final ObjectMapper JSON = new ObjectMapper();
  }

  private RunJobFlowSurfaceValidator() {}

  /** Reports the problems of the configuration's less common RunJobFlow fields into {@code p}. */
  public static void validate(ClusterConfiguration config, Problems p) {
    for (Map.Entry<String, ApplicationOptions> e : config.applicationOptions().entrySet()) {
      String app = e.getKey();
      Problems at = p.at("applicationOptions").at(app);
      if (!config.applications().contains(app)) {
        at.add("", "names no application of applications " + config.applications());
      }
      e.getValue().version().ifPresent(v -> at.required("version", v));
      for (int i = 0; i < e.getValue().args().size(); i++) {
        at.required("args[" + i + "]", e.getValue().args().get(i));
      }
    }
    config.additionalInfo().ifPresent(info -> additionalInfo(info, p));
    Set<PlacementGroupConfig.Role> roles = EnumSet.noneOf(PlacementGroupConfig.Role.class);
    for (int i = 0; i < config.placementGroupConfigs().size(); i++) {
      PlacementGroupConfig g = config.placementGroupConfigs().get(i);
      if (!roles.add(g.instanceRole())) {
        p.at("placementGroupConfigs", i)
            .add("instanceRole", g.instanceRole() + " has a placement group already");
      }
    }
    config.monitoring().ifPresent(m -> monitoring(m, p.at("monitoring")));
    config.managedScaling().ifPresent(m -> managedScaling(m, p.at("managedScaling")));
    ClusterInstances inst = config.instances();
    Problems ip = p.at("instances");
    inst.masterFleet().ifPresent(f -> fleet(f, ip.at("masterFleet")));
    inst.coreFleet().ifPresent(f -> fleet(f, ip.at("coreFleet")));
    for (int i = 0; i < inst.taskFleets().size(); i++) {
      fleet(inst.taskFleets().get(i), ip.at("taskFleets", i));
    }
  }

  /** Reports the problems of a step's log location into {@code p}. */
  public static void validate(EmrStep step, Problems p) {
    step.logUri()
        .ifPresent(u -> p.matches("logUri", u, S3_URI, "an S3 URI like s3://bucket/prefix/"));
    step.logEncryptionKeyArn()
        .ifPresent(k -> p.matches("logEncryptionKeyArn", k, KMS_KEY_ARN, "a KMS key ARN"));
  }

  private static void additionalInfo(String info, Problems p) {
    if (info.length() > ADDITIONAL_INFO_MAX) {
      p.add(
          "additionalInfo",
          "must be at most " + ADDITIONAL_INFO_MAX + " characters (was " + info.length() + ")");
      return;
    }
    try {
      JsonNode node = Mapper.JSON.readTree(info);
      if (node == null || !node.isObject()) {
        p.add("additionalInfo", "must be the text of a JSON object");
      }
    } catch (JsonProcessingException e) {
      p.add("additionalInfo", "must be the text of a JSON object (" + e.getOriginalMessage() + ")");
    }
  }

  private static void monitoring(MonitoringConfiguration m, Problems p) {
    m.cloudWatchLogs().ifPresent(cw -> cloudWatch(cw, p.at("cloudWatchLogs")));
  }

  private static void cloudWatch(CloudWatchLogConfiguration cw, Problems p) {
    cw.logGroupName()
        .ifPresent(
            g ->
                p.matches(
                    "logGroupName",
                    g,
                    LOG_GROUP,
                    "a CloudWatch Logs group name (1 to 512 of a-z," + " A-Z, 0-9, . - _ / #)"));
    cw.logStreamNamePrefix().ifPresent(s -> p.required("logStreamNamePrefix", s));
    cw.encryptionKeyArn()
        .ifPresent(k -> p.matches("encryptionKeyArn", k, KMS_KEY_ARN, "a KMS key ARN"));
    for (Map.Entry<String, List<String>> e : cw.logTypes().entrySet()) {
      p.required("logTypes", e.getKey());
      if (e.getValue().isEmpty()) {
        p.at("logTypes").add(e.getKey(), "needs at least one log file");
      }
      for (int i = 0; i < e.getValue().size(); i++) {
        p.at("logTypes").at(e.getKey(), i).required("", e.getValue().get(i));
      }
    }
  }

  private static void managedScaling(ManagedScalingPolicy m, Problems p) {
    m.utilizationPerformanceIndex()
        .ifPresent(
            i -> {
              if (!PERFORMANCE_INDEXES.contains(i)) {
                p.add(
                    "utilizationPerformanceIndex", "must be 1, 25, 50, 75 or 100 (was " + i + ")");
              }
              if (m.scalingStrategy().orElse(null)
                  != ManagedScalingPolicy.ScalingStrategy.ADVANCED) {
                p.add("utilizationPerformanceIndex", "needs scalingStrategy ADVANCED");
              }
            });
  }

  private static void fleet(InstanceFleetConfig f, Problems p) {
    f.launchSpecification()
        .ifPresent(
            s ->
                s.onDemandCapacityReservation()
                    .ifPresent(
                        c -> {
                          Problems at = p.at("launchSpecification");
                          if (s.onDemandAllocationStrategy().isEmpty()) {
                            at.add(
                                "onDemandAllocationStrategy",
                                "is required with onDemandCapacityReservation");
                          }
                          capacityReservation(c, at.at("onDemandCapacityReservation"));
                        }));
    f.resizeSpecification().ifPresent(r -> resize(r, p.at("resizeSpecification")));
    f.context()
        .filter(c -> c.length() > 1280)
        .ifPresent(
            c -> p.add("context", "must be at most 1280 characters (was " + c.length() + ")"));
  }

  private static void resize(FleetResizeSpecification r, Problems p) {
    r.spotTimeoutMinutes().ifPresent(m -> p.range("spotTimeoutMinutes", m, 5, 10_080));
    r.onDemandTimeoutMinutes().ifPresent(m -> p.range("onDemandTimeoutMinutes", m, 5, 10_080));
    r.spotAllocationStrategy()
        .filter(a -> !SPOT_STRATEGIES.contains(a))
        .ifPresent(
            a ->
                p.add(
                    "spotAllocationStrategy",
                    "must be one of " + SPOT_STRATEGIES + " (was \"" + a + "\")"));
    r.onDemandAllocationStrategy()
        .filter(a -> !ON_DEMAND_STRATEGIES.contains(a))
        .ifPresent(
            a ->
                p.add(
                    "onDemandAllocationStrategy",
                    "must be lowest-price or prioritized (was \"" + a + "\")"));
    r.onDemandCapacityReservation()
        .ifPresent(c -> capacityReservation(c, p.at("onDemandCapacityReservation")));
  }

  private static void capacityReservation(CapacityReservationOptions c, Problems p) {
    c.resourceGroupArn()
        .ifPresent(
            a -> p.matches("resourceGroupArn", a, RESOURCE_GROUP_ARN, "a resource group ARN"));
    if (c.resourceGroupArn().isPresent()
        && c.preference().orElse(null) == CapacityReservationOptions.Preference.NONE) {
      p.add("preference", "NONE uses no reservation; it contradicts resourceGroupArn");
    }
  }
}

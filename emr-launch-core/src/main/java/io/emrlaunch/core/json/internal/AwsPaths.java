package io.emrlaunch.core.json.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Translates override paths between this library's model ({@code
 * instances.coreGroup.instanceCount}) and aws-emr-launch's {@code JsonPath}s into the stored
 * RunJobFlow request ({@code Instances.InstanceGroups.1.InstanceCount}). Instance groups and fleets
 * are addressed by list position there; {@link Layout} says which position holds which role.
 */
public final class AwsPaths {
  private static final Map<String, String> ROOT =
      pairs(
          "releaseLabel", "ReleaseLabel",
          "stepConcurrencyLevel", "StepConcurrencyLevel",
          "customAmiId", "CustomAmiId",
          "ebsRootVolumeSize", "EbsRootVolumeSize",
          "ebsRootVolumeIops", "EbsRootVolumeIops",
          "ebsRootVolumeThroughput", "EbsRootVolumeThroughput",
          "logEncryptionKmsKeyId", "LogEncryptionKmsKeyId",
          "scaleDownBehavior", "ScaleDownBehavior",
          "visibleToAllUsers", "VisibleToAllUsers",
          "osReleaseLabel", "OSReleaseLabel",
          "clusterName", "Name",
          "additionalInfo", "AdditionalInfo",
          "repoUpgradeOnBoot", "RepoUpgradeOnBoot",
          "extendedSupport", "ExtendedSupport",
          "sessionEnabled", "SessionEnabled");
  private static final Map<String, String> INSTANCES =
      pairs(
          "ec2SubnetId", "Ec2SubnetId",
          "ec2KeyName", "Ec2KeyName",
          "keepJobFlowAliveWhenNoSteps", "KeepJobFlowAliveWhenNoSteps",
          "terminationProtected", "TerminationProtected",
          "unhealthyNodeReplacement", "UnhealthyNodeReplacement");
  private static final Map<String, String> INSTANCE_LISTS =
      pairs(
          "ec2SubnetIds", "Ec2SubnetIds",
          "additionalMasterSecurityGroups", "AdditionalMasterSecurityGroups",
          "additionalSlaveSecurityGroups", "AdditionalSlaveSecurityGroups");
  private static final Map<String, String> GROUP =
      pairs(
          "name", "Name",
          "instanceType", "InstanceType",
          "instanceCount", "InstanceCount",
          "market", "Market",
          "bidPrice", "BidPrice",
          "customAmiId", "CustomAmiId");
  private static final Map<String, String> FLEET =
      pairs(
          "name", "Name",
          "targetOnDemandCapacity", "TargetOnDemandCapacity",
          "targetSpotCapacity", "TargetSpotCapacity");
  private static final Map<String, String> TYPE =
      pairs(
          "instanceType", "InstanceType",
          "weightedCapacity", "WeightedCapacity",
          "bidPrice", "BidPrice",
          "bidPriceAsPercentageOfOnDemandPrice", "BidPriceAsPercentageOfOnDemandPrice",
          "priority", "Priority",
          "customAmiId", "CustomAmiId");
  private static final Map<String, String> VOLUME =
      pairs(
          "volumeType", "VolumeType",
          "sizeInGb", "SizeInGB",
          "iops", "Iops",
          "throughput", "Throughput");
  private static final Map<String, String> LIMITS =
      pairs(
          "minimumCapacityUnits", "MinimumCapacityUnits",
          "maximumCapacityUnits", "MaximumCapacityUnits",
          "maximumOnDemandCapacityUnits", "MaximumOnDemandCapacityUnits",
          "maximumCoreCapacityUnits", "MaximumCoreCapacityUnits",
          "unitType", "UnitType");
  private static final Map<String, String> MANAGED_SCALING =
      pairs(
          "scalingStrategy", "ScalingStrategy",
          "utilizationPerformanceIndex", "UtilizationPerformanceIndex");
  private static final Map<String, String> SPOT =
      pairs(
          "spotTimeoutMinutes", "TimeoutDurationMinutes",
          "spotTimeoutAction", "TimeoutAction",
          "spotAllocationStrategy", "AllocationStrategy");

  private AwsPaths() {}

  /**
   * Which role each list position of {@code InstanceGroups} / {@code InstanceFleets} holds.
   *
   * @param groups roles in order ({@code MASTER}, {@code CORE}, {@code TASK})
   * @param fleets roles in order
   */
  public record Layout(List<String> groups, List<String> fleets) {
    /** aws-emr-launch's managed configurations: master, core, then tasks. */
    public static Layout standard() {
      List<String> roles = new ArrayList<>(List.of("MASTER", "CORE"));
      for (int i = 0; i < 64; i++) {
        roles.add("TASK");
      }
      return new Layout(roles, roles);
    }
  }

  /** Our path → aws-emr-launch's JsonPath; empty when it has no counterpart there. */
  public static Optional<String> toAws(String path, Layout layout) {
    List<String> s = Arrays.asList(path.split("\\.", -1));
    List<String> out = new ArrayList<>();
    return toAwsRoot(s, out, layout) ? Optional.of(String.join(".", out)) : Optional.empty();
  }

  /** aws-emr-launch's JsonPath → our path; empty when this model has no such field. */
  public static Optional<String> fromAws(String jsonPath, Layout layout) {
    List<String> s = Arrays.asList(jsonPath.split("\\.", -1));
    List<String> out = new ArrayList<>();
    return fromAwsRoot(s, out, layout) ? Optional.of(String.join(".", out)) : Optional.empty();
  }

  // ---- ours → aws ----

  private static boolean toAwsRoot(List<String> s, List<String> out, Layout layout) {
    String head = s.get(0);
    if (s.size() == 1 && ROOT.containsKey(head)) {
      out.add(ROOT.get(head));
      return true;
    }
    switch (head) {
      case "autoTerminationIdleTimeoutSeconds":
        return s.size() == 1 && add(out, "AutoTerminationPolicy", "IdleTimeout");
      case "applications":
        return s.size() == 2 && isIndex(s.get(1)) && add(out, "Applications", s.get(1), "Name");
      case "managedScaling":
        if (s.size() == 2 && MANAGED_SCALING.containsKey(s.get(1))) {
          return add(out, "ManagedScalingPolicy", MANAGED_SCALING.get(s.get(1)));
        }
        return s.size() == 2
            && LIMITS.containsKey(s.get(1))
            && add(out, "ManagedScalingPolicy", "ComputeLimits", LIMITS.get(s.get(1)));
      case "bootstrapActions":
        if (s.size() < 3 || !isIndex(s.get(1))) {
          return false;
        }
        add(out, "BootstrapActions", s.get(1));
        if (s.size() == 3 && s.get(2).equals("name")) {
          return add(out, "Name");
        }
        if (s.size() == 3 && s.get(2).equals("path")) {
          return add(out, "ScriptBootstrapAction", "Path");
        }
        return s.size() == 4
            && s.get(2).equals("args")
            && isIndex(s.get(3))
            && add(out, "ScriptBootstrapAction", "Args", s.get(3));
      case "configurations":
        return toAwsConfigurations(s, out);
      case "instances":
        return s.size() > 1
            && add(out, "Instances")
            && toAwsInstances(s.subList(1, s.size()), out, layout);
      default:
        return false;
    }
  }

  private static boolean toAwsInstances(List<String> s, List<String> out, Layout layout) {
    String head = s.get(0);
    if (s.size() == 1 && INSTANCES.containsKey(head)) {
      return add(out, INSTANCES.get(head));
    }
    if (s.size() == 2 && INSTANCE_LISTS.containsKey(head) && isIndex(s.get(1))) {
      return add(out, INSTANCE_LISTS.get(head), s.get(1));
    }
    if (head.equals("availabilityZone") && s.size() == 1) {
      return add(out, "Placement", "AvailabilityZone");
    }
    if (head.equals("availabilityZones") && s.size() == 2 && isIndex(s.get(1))) {
      return add(out, "Placement", "AvailabilityZones", s.get(1));
    }
    boolean group = head.endsWith("Group") || head.equals("taskGroups");
    boolean fleet = head.endsWith("Fleet") || head.equals("taskFleets");
    if (!group && !fleet) {
      return false;
    }
    List<String> roles = group ? layout.groups() : layout.fleets();
    int rest;
    int index;
    if (head.equals("masterGroup") || head.equals("masterFleet")) {
      index = roles.indexOf("MASTER");
      rest = 1;
    } else if (head.equals("coreGroup") || head.equals("coreFleet")) {
      index = roles.indexOf("CORE");
      rest = 1;
    } else if ((head.equals("taskGroups") || head.equals("taskFleets"))
        && s.size() > 1
        && isIndex(s.get(1))) {
      index = nth(roles, "TASK", Integer.parseInt(s.get(1)));
      rest = 2;
    } else {
      return false;
    }
    if (index < 0 || s.size() <= rest) {
      return false;
    }
    add(out, group ? "InstanceGroups" : "InstanceFleets", String.valueOf(index));
    List<String> tail = s.subList(rest, s.size());
    return group ? toAwsGroup(tail, out) : toAwsFleet(tail, out);
  }

  private static boolean toAwsGroup(List<String> s, List<String> out) {
    String head = s.get(0);
    if (s.size() == 1 && GROUP.containsKey(head)) {
      return add(out, GROUP.get(head));
    }
    if (head.equals("autoScalingPolicy") && s.size() == 2) {
      return switch (s.get(1)) {
        case "minCapacity" -> add(out, "AutoScalingPolicy", "Constraints", "MinCapacity");
        case "maxCapacity" -> add(out, "AutoScalingPolicy", "Constraints", "MaxCapacity");
        default -> false;
      };
    }
    if (head.equals("ebsConfiguration")) {
      return toAwsEbs(s, out);
    }
    return head.equals("configurations") && toAwsConfigurations(s, out);
  }

  private static boolean toAwsFleet(List<String> s, List<String> out) {
    String head = s.get(0);
    if (s.size() == 1 && FLEET.containsKey(head)) {
      return add(out, FLEET.get(head));
    }
    if (head.equals("instanceTypeConfigs") && s.size() > 2 && isIndex(s.get(1))) {
      add(out, "InstanceTypeConfigs", s.get(1));
      List<String> t = s.subList(2, s.size());
      if (t.size() == 1 && TYPE.containsKey(t.get(0))) {
        return add(out, TYPE.get(t.get(0)));
      }
      if (t.get(0).equals("ebsConfiguration")) {
        return toAwsEbs(t, out);
      }
      return t.get(0).equals("configurations") && toAwsConfigurations(t, out);
    }
    if (head.equals("launchSpecification") && s.size() == 2) {
      if (SPOT.containsKey(s.get(1))) {
        return add(out, "LaunchSpecifications", "SpotSpecification", SPOT.get(s.get(1)));
      }
      return s.get(1).equals("onDemandAllocationStrategy")
          && add(out, "LaunchSpecifications", "OnDemandSpecification", "AllocationStrategy");
    }
    return false;
  }

  private static boolean toAwsEbs(List<String> s, List<String> out) {
    if (s.size() == 2 && s.get(1).equals("ebsOptimized")) {
      return add(out, "EbsConfiguration", "EbsOptimized");
    }
    if (s.size() == 4 && s.get(1).equals("volumes") && isIndex(s.get(2))) {
      add(out, "EbsConfiguration", "EbsBlockDeviceConfigs", s.get(2));
      if (s.get(3).equals("volumesPerInstance")) {
        return add(out, "VolumesPerInstance");
      }
      return VOLUME.containsKey(s.get(3)) && add(out, "VolumeSpecification", VOLUME.get(s.get(3)));
    }
    return false;
  }

  private static boolean toAwsConfigurations(List<String> s, List<String> out) {
    if (s.size() < 3 || !isIndex(s.get(1))) {
      return false;
    }
    add(out, "Configurations", s.get(1));
    if (s.size() == 3 && s.get(2).equals("classification")) {
      return add(out, "Classification");
    }
    if (s.size() == 4 && s.get(2).equals("properties")) {
      return add(out, "Properties", s.get(3));
    }
    return s.get(2).equals("configurations") && toAwsConfigurations(s.subList(2, s.size()), out);
  }

  // ---- aws → ours ----

  private static boolean fromAwsRoot(List<String> s, List<String> out, Layout layout) {
    String head = s.get(0);
    String ours = inverse(ROOT, head);
    if (s.size() == 1 && ours != null) {
      return add(out, ours);
    }
    switch (head) {
      case "AutoTerminationPolicy":
        return s.size() == 2
            && s.get(1).equals("IdleTimeout")
            && add(out, "autoTerminationIdleTimeoutSeconds");
      case "Applications":
        return s.size() == 3
            && isIndex(s.get(1))
            && s.get(2).equals("Name")
            && add(out, "applications", s.get(1));
      case "ManagedScalingPolicy":
        if (s.size() == 2 && inverse(MANAGED_SCALING, s.get(1)) != null) {
          return add(out, "managedScaling", inverse(MANAGED_SCALING, s.get(1)));
        }
        return s.size() == 3
            && s.get(1).equals("ComputeLimits")
            && inverse(LIMITS, s.get(2)) != null
            && add(out, "managedScaling", inverse(LIMITS, s.get(2)));
      case "BootstrapActions":
        if (s.size() < 3 || !isIndex(s.get(1))) {
          return false;
        }
        add(out, "bootstrapActions", s.get(1));
        if (s.size() == 3 && s.get(2).equals("Name")) {
          return add(out, "name");
        }
        if (s.size() == 4 && s.get(2).equals("ScriptBootstrapAction") && s.get(3).equals("Path")) {
          return add(out, "path");
        }
        return s.size() == 5
            && s.get(2).equals("ScriptBootstrapAction")
            && s.get(3).equals("Args")
            && isIndex(s.get(4))
            && add(out, "args", s.get(4));
      case "Configurations":
        return fromAwsConfigurations(s, out);
      case "Instances":
        return s.size() > 1
            && add(out, "instances")
            && fromAwsInstances(s.subList(1, s.size()), out, layout);
      default:
        return false;
    }
  }

  private static boolean fromAwsInstances(List<String> s, List<String> out, Layout layout) {
    String head = s.get(0);
    if (s.size() == 1 && inverse(INSTANCES, head) != null) {
      return add(out, inverse(INSTANCES, head));
    }
    if (s.size() == 2 && inverse(INSTANCE_LISTS, head) != null && isIndex(s.get(1))) {
      return add(out, inverse(INSTANCE_LISTS, head), s.get(1));
    }
    if (head.equals("Placement") && s.size() == 2 && s.get(1).equals("AvailabilityZone")) {
      return add(out, "availabilityZone");
    }
    if (head.equals("Placement")
        && s.size() == 3
        && s.get(1).equals("AvailabilityZones")
        && isIndex(s.get(2))) {
      return add(out, "availabilityZones", s.get(2));
    }
    boolean group = head.equals("InstanceGroups");
    if ((!group && !head.equals("InstanceFleets")) || s.size() < 3 || !isIndex(s.get(1))) {
      return false;
    }
    List<String> roles = group ? layout.groups() : layout.fleets();
    int index = Integer.parseInt(s.get(1));
    if (index >= roles.size()) {
      return false;
    }
    String role = roles.get(index);
    switch (role) {
      case "MASTER" -> add(out, group ? "masterGroup" : "masterFleet");
      case "CORE" -> add(out, group ? "coreGroup" : "coreFleet");
      case "TASK" ->
          add(
              out,
              group ? "taskGroups" : "taskFleets",
              String.valueOf(roles.subList(0, index).stream().filter("TASK"::equals).count()));
      default -> {
        return false;
      }
    }
    List<String> tail = s.subList(2, s.size());
    return group ? fromAwsGroup(tail, out) : fromAwsFleet(tail, out);
  }

  private static boolean fromAwsGroup(List<String> s, List<String> out) {
    String head = s.get(0);
    if (s.size() == 1 && inverse(GROUP, head) != null) {
      return add(out, inverse(GROUP, head));
    }
    if (head.equals("AutoScalingPolicy") && s.size() == 3 && s.get(1).equals("Constraints")) {
      return switch (s.get(2)) {
        case "MinCapacity" -> add(out, "autoScalingPolicy", "minCapacity");
        case "MaxCapacity" -> add(out, "autoScalingPolicy", "maxCapacity");
        default -> false;
      };
    }
    if (head.equals("EbsConfiguration")) {
      return fromAwsEbs(s, out);
    }
    return head.equals("Configurations") && fromAwsConfigurations(s, out);
  }

  private static boolean fromAwsFleet(List<String> s, List<String> out) {
    String head = s.get(0);
    if (s.size() == 1 && inverse(FLEET, head) != null) {
      return add(out, inverse(FLEET, head));
    }
    if (head.equals("InstanceTypeConfigs") && s.size() > 2 && isIndex(s.get(1))) {
      add(out, "instanceTypeConfigs", s.get(1));
      List<String> t = s.subList(2, s.size());
      if (t.size() == 1 && inverse(TYPE, t.get(0)) != null) {
        return add(out, inverse(TYPE, t.get(0)));
      }
      if (t.get(0).equals("EbsConfiguration")) {
        return fromAwsEbs(t, out);
      }
      return t.get(0).equals("Configurations") && fromAwsConfigurations(t, out);
    }
    if (head.equals("LaunchSpecifications") && s.size() == 3) {
      if (s.get(1).equals("SpotSpecification") && inverse(SPOT, s.get(2)) != null) {
        return add(out, "launchSpecification", inverse(SPOT, s.get(2)));
      }
      return s.get(1).equals("OnDemandSpecification")
          && s.get(2).equals("AllocationStrategy")
          && add(out, "launchSpecification", "onDemandAllocationStrategy");
    }
    return false;
  }

  private static boolean fromAwsEbs(List<String> s, List<String> out) {
    if (s.size() == 2 && s.get(1).equals("EbsOptimized")) {
      return add(out, "ebsConfiguration", "ebsOptimized");
    }
    if (s.size() >= 4 && s.get(1).equals("EbsBlockDeviceConfigs") && isIndex(s.get(2))) {
      add(out, "ebsConfiguration", "volumes", s.get(2));
      if (s.size() == 4 && s.get(3).equals("VolumesPerInstance")) {
        return add(out, "volumesPerInstance");
      }
      return s.size() == 5
          && s.get(3).equals("VolumeSpecification")
          && inverse(VOLUME, s.get(4)) != null
          && add(out, inverse(VOLUME, s.get(4)));
    }
    return false;
  }

  private static boolean fromAwsConfigurations(List<String> s, List<String> out) {
    if (s.size() < 3 || !isIndex(s.get(1))) {
      return false;
    }
    add(out, "configurations", s.get(1));
    if (s.size() == 3 && s.get(2).equals("Classification")) {
      return add(out, "classification");
    }
    if (s.size() == 4 && s.get(2).equals("Properties")) {
      return add(out, "properties", s.get(3));
    }
    return s.get(2).equals("Configurations") && fromAwsConfigurations(s.subList(2, s.size()), out);
  }

  // ---- helpers ----

  private static boolean add(List<String> out, String... segments) {
    out.addAll(Arrays.asList(segments));
    return true;
  }

  private static boolean isIndex(String s) {
    return !s.isEmpty() && s.length() < 7 && s.chars().allMatch(Character::isDigit);
  }

  private static int nth(List<String> roles, String role, int n) {
    int seen = 0;
    for (int i = 0; i < roles.size(); i++) {
      if (roles.get(i).equals(role) && seen++ == n) {
        return i;
      }
    }
    return -1;
  }

  private static String inverse(Map<String, String> map, String value) {
    return map.entrySet().stream()
        .filter(e -> e.getValue().equals(value))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  private static Map<String, String> pairs(String... kv) {
    java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** For messages: the aws-emr-launch names this translator knows at the top level. */
  static String knownRoots() {
    return ROOT.values().stream().collect(Collectors.joining(", "));
  }
}

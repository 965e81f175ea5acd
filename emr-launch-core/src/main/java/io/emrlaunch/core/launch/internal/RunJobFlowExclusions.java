package io.emrlaunch.core.launch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code RunJobFlowRequest} members the model deliberately cannot set, each with the reason.
 * Every other member of the SDK's request, at any depth, is reachable from {@code EmrProfile},
 * {@code ClusterConfiguration} and {@code EmrStep} through {@code RunJobFlowRequests}; a test walks
 * the SDK's field metadata to keep it so, and docs/model.md lists the same entries.
 *
 * <p>Paths use the SDK's member names; {@code []} marks list elements. An entry covers its
 * sub-members.
 */
public final class RunJobFlowExclusions {
  private RunJobFlowExclusions() {}

  /** Excluded member path → why the model leaves it out. */
  public static final Map<String, String> EXCLUDED = excluded();

  private static Map<String, String> excluded() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("AmiVersion", "legacy AMI 2.x/3.x clusters; ReleaseLabel replaces it");
    m.put(
        "SupportedProducts",
        "third-party products of AMI 2.x/3.x clusters; release labels use Applications");
    m.put(
        "NewSupportedProducts",
        "third-party products of AMI 2.x/3.x clusters; release labels use Applications");
    m.put(
        "KerberosAttributes",
        "secret values (KDC and AD join passwords): the model keeps only the profile's"
            + " kerberosAttributesSecretArn, and secrets never enter model values or records");
    m.put(
        "Instances.MasterInstanceType",
        "uniform-instance shorthand; the model always sends InstanceGroups or InstanceFleets");
    m.put(
        "Instances.SlaveInstanceType",
        "uniform-instance shorthand; the model always sends InstanceGroups or InstanceFleets");
    m.put(
        "Instances.InstanceCount",
        "uniform-instance shorthand; the model always sends InstanceGroups or InstanceFleets");
    m.put("Instances.HadoopVersion", "AMI-version clusters only; ignored with a ReleaseLabel");
    m.put(
        "Instances.InstanceFleets[].LaunchSpecifications.SpotSpecification.BlockDurationMinutes",
        "Spot blocks (defined-duration Spot Instances) are no longer offered by EC2");
    return java.util.Collections.unmodifiableMap(m);
  }
}

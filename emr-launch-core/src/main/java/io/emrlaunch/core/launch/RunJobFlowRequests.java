package io.emrlaunch.core.launch;

import io.emrlaunch.core.launch.internal.SdkModel;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * Maps a profile, a configuration, a cluster name, tags and steps to the {@code RunJobFlowRequest}
 * EMR receives — the same rules aws-emr-launch's loader applied:
 *
 * <ul>
 *   <li>{@code LogUri} is {@code s3://<logsBucket>/<logsPrefix><clusterName>/} when the profile has
 *       a logs bucket;
 *   <li>{@code JobFlowRole} is the instance profile's name (derived from the instance role when the
 *       profile names no instance profile) and {@code ServiceRole} the service role's name;
 *   <li>{@code AutoScalingRole} is set only for instance-group clusters;
 *   <li>the profile's security groups become the EMR-managed and service-access groups of {@code
 *       Instances}; the profile's security configuration name is used;
 *   <li>tags are the configuration's tags overlaid with the launch tags (launch tags win).
 * </ul>
 *
 * Both inputs are validated first: invalid input raises one {@link ValidationException} listing
 * every problem (paths prefixed {@code profile.}, {@code configuration.}, {@code steps[i].}).
 */
public final class RunJobFlowRequests {
  private RunJobFlowRequests() {}

  /**
   * Builds the request for a cluster without steps.
   *
   * @param profile the security half
   * @param configuration the resource half
   * @param clusterName the cluster's name; blank means the configuration's {@code clusterName}
   *     (which the {@code ClusterName} override sets), else its {@code name}
   * @param tags launch tags
   * @return the request
   * @throws ValidationException when an input is invalid
   */
  public static RunJobFlowRequest from(
      EmrProfile profile,
      ClusterConfiguration configuration,
      String clusterName,
      Map<String, String> tags) {
    return from(profile, configuration, clusterName, tags, List.of());
  }

  /**
   * Builds the request.
   *
   * @param profile the security half
   * @param configuration the resource half
   * @param clusterName the cluster's name; blank means the configuration's {@code clusterName},
   *     else its {@code name}
   * @param tags launch tags
   * @param steps steps the cluster runs after it starts
   * @return the request
   * @throws ValidationException when an input is invalid
   */
  public static RunJobFlowRequest from(
      EmrProfile profile,
      ClusterConfiguration configuration,
      String clusterName,
      Map<String, String> tags,
      List<EmrStep> steps) {
    validate(profile, configuration, steps);
    String name =
        clusterName == null || clusterName.isBlank()
            ? configuration.clusterName().orElse(configuration.name())
            : clusterName;
    ClusterInstances inst = configuration.instances();
    RunJobFlowRequest.Builder b =
        SdkModel.resources(configuration)
            .name(name)
            .serviceRole(lastSegment(profile.serviceRole()))
            .jobFlowRole(lastSegment(profile.instanceProfile().orElse(profile.instanceRole())))
            .instances(instances(profile, SdkModel.instances(inst)))
            .steps(steps.stream().map(SdkModel::step).toList());
    logUri(profile, name).ifPresent(b::logUri);
    if (inst.usesInstanceGroups()) {
      profile.autoScalingRole().map(RunJobFlowRequests::lastSegment).ifPresent(b::autoScalingRole);
    }
    profile.securityConfigurationName().ifPresent(b::securityConfiguration);
    Map<String, String> allTags = new LinkedHashMap<>(configuration.tags());
    allTags.putAll(tags);
    b.tags(SdkModel.tags(allTags));
    return b.build();
  }

  /**
   * Builds the request of a {@link SparkJob}: its transient cluster with its step, the job's logs
   * bucket (when set) replacing the profile's.
   *
   * @param profile the security half
   * @param job the job
   * @return the request
   * @throws ValidationException when the profile or the job is invalid
   */
  public static RunJobFlowRequest from(EmrProfile profile, SparkJob job) {
    LaunchRequest r = jobRequest(profile, job);
    return from(r.profile(), r.configuration(), r.clusterName().orElse(""), r.tags(), r.steps());
  }

  /**
   * The launch of a {@link SparkJob}, shared by {@link #from(EmrProfile, SparkJob)} and {@code
   * ClusterLauncher.runJob}: the job's transient configuration, name, tags and step, with the job's
   * logs bucket (when set) replacing the profile's.
   *
   * @throws ValidationException naming {@code job.} fields when the job is invalid
   */
  static LaunchRequest jobRequest(EmrProfile profile, SparkJob job) {
    List<Problem> problems = job.validationProblems();
    if (!problems.isEmpty()) {
      Problems p = Problems.root();
      problems.forEach(pr -> p.at("job").add(pr.path(), pr.message()));
      p.throwIfAny();
    }
    EmrProfile effective =
        job.logBucket().map(b -> (EmrProfile) profile.withLogsBucket(b)).orElse(profile);
    return LaunchRequest.builder()
        .profile(effective)
        .configuration(job.toClusterConfiguration())
        .clusterName(job.jobName())
        .tags(job.tags())
        .steps(job.steps())
        .build();
  }

  /** The log location of a cluster: {@code s3://bucket/prefix/clusterName/}. */
  static java.util.Optional<String> logUri(EmrProfile profile, String clusterName) {
    return profile
        .logsBucket()
        .map(
            bucket -> {
              StringBuilder uri = new StringBuilder("s3://").append(bucket).append('/');
              String prefix = profile.logsPrefix();
              while (prefix.startsWith("/")) {
                prefix = prefix.substring(1);
              }
              if (!prefix.isEmpty()) {
                uri.append(prefix);
                if (!prefix.endsWith("/")) {
                  uri.append('/');
                }
              }
              return uri.append(clusterName).append('/').toString();
            });
  }

  private static JobFlowInstancesConfig instances(
      EmrProfile profile, JobFlowInstancesConfig.Builder b) {
    profile.masterSecurityGroup().ifPresent(b::emrManagedMasterSecurityGroup);
    profile.workersSecurityGroup().ifPresent(b::emrManagedSlaveSecurityGroup);
    profile.serviceAccessSecurityGroup().ifPresent(b::serviceAccessSecurityGroup);
    return b.build();
  }

  private static void validate(
      EmrProfile profile, ClusterConfiguration configuration, List<EmrStep> steps) {
    Problems p = Problems.root();
    for (Problem problem : profile.validationProblems()) {
      p.at("profile").add(problem.path(), problem.message());
    }
    for (Problem problem : configuration.validationProblems()) {
      p.at("configuration").add(problem.path(), problem.message());
    }
    for (int i = 0; i < steps.size(); i++) {
      for (Problem problem : steps.get(i).validationProblems()) {
        p.at("steps", i).add(problem.path(), problem.message());
      }
    }
    p.throwIfAny();
  }

  /** {@code arn:aws:iam::1:role/path/Name} → {@code Name}; a plain name stays as it is. */
  static String lastSegment(String roleOrArn) {
    int slash = roleOrArn.lastIndexOf('/');
    return slash < 0 ? roleOrArn : roleOrArn.substring(slash + 1);
  }
}

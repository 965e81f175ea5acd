package io.emrlaunch.testkit.emr;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReason;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.ClusterStatus;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ClusterTimeline;
import software.amazon.awssdk.services.emr.model.Ec2InstanceAttributes;
import software.amazon.awssdk.services.emr.model.InstanceCollectionType;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.Tag;

/** Mutable state of one cluster; guarded by the owning FakeEmr. */
final class ClusterRecord {
  final String id;
  final String arn;
  final RunJobFlowRequest request;
  final Instant created;
  final boolean keepAlive;
  int stepConcurrency;

  /** When the cluster last became WAITING with an armed auto-termination policy. */
  Instant idleSince;

  final InstanceCollectionType collectionType;
  final ClusterFailure failure;
  final Map<String, String> tags = new LinkedHashMap<>();
  final List<StepRecord> steps = new ArrayList<>();
  final Map<String, StepRecord> stepsById = new HashMap<>();
  final List<InstanceGroupRecord> groups = new ArrayList<>();
  final List<InstanceFleetRecord> fleets = new ArrayList<>();
  final Set<ScheduledFuture<?>> tasks = new HashSet<>();
  final String availabilityZone;
  ClusterState state = ClusterState.STARTING;
  ClusterStateChangeReasonCode reasonCode;
  String reasonMessage;
  boolean terminationProtected;
  boolean visibleToAllUsers;
  boolean anyStepFailed;
  Instant ready;
  Instant ended;
  String masterDns;

  ClusterRecord(
      String id,
      String arn,
      RunJobFlowRequest request,
      Instant created,
      ClusterFailure failure,
      String availabilityZone) {
    this.id = id;
    this.arn = arn;
    this.request = request;
    this.created = created;
    this.failure = failure;
    this.availabilityZone = availabilityZone;
    JobFlowInstancesConfig instances = request.instances();
    this.keepAlive = Boolean.TRUE.equals(instances.keepJobFlowAliveWhenNoSteps());
    this.terminationProtected = Boolean.TRUE.equals(instances.terminationProtected());
    this.visibleToAllUsers = !Boolean.FALSE.equals(request.visibleToAllUsers());
    this.stepConcurrency =
        request.stepConcurrencyLevel() == null ? 1 : request.stepConcurrencyLevel();
    this.collectionType =
        instances.hasInstanceFleets() && !instances.instanceFleets().isEmpty()
            ? InstanceCollectionType.INSTANCE_FLEET
            : InstanceCollectionType.INSTANCE_GROUP;
    for (Tag tag : request.tags()) {
      tags.put(tag.key(), tag.value());
    }
  }

  void addStep(StepRecord step) {
    steps.add(step);
    stepsById.put(step.id, step);
  }

  String name() {
    return request.name();
  }

  boolean isTerminal() {
    return state == ClusterState.TERMINATED || state == ClusterState.TERMINATED_WITH_ERRORS;
  }

  /** Terminating or terminated: the cluster takes no more steps or changes. */
  boolean isShuttingDown() {
    return state == ClusterState.TERMINATING || isTerminal();
  }

  boolean isReady() {
    return state == ClusterState.RUNNING || state == ClusterState.WAITING;
  }

  void track(ScheduledFuture<?> task) {
    tasks.removeIf(ScheduledFuture::isDone);
    tasks.add(task);
  }

  void cancelTasks() {
    for (ScheduledFuture<?> task : tasks) {
      task.cancel(false);
    }
    tasks.clear();
  }

  ClusterStatus status() {
    ClusterStateChangeReason.Builder reason = ClusterStateChangeReason.builder();
    if (reasonCode != null) {
      reason.code(reasonCode);
    }
    if (reasonMessage != null) {
      reason.message(reasonMessage);
    }
    return ClusterStatus.builder()
        .state(state)
        .stateChangeReason(reason.build())
        .timeline(
            ClusterTimeline.builder()
                .creationDateTime(created)
                .readyDateTime(ready)
                .endDateTime(ended)
                .build())
        .build();
  }

  /**
   * EMR's normalized hours: instance size units times started hours (a rough but monotone
   * estimate).
   */
  int normalizedInstanceHours(Instant now) {
    if (ready == null) {
      return 0;
    }
    Instant until = ended != null ? ended : now;
    long hours = (Duration.between(ready, until).toMinutes() + 59) / 60;
    int units = 0;
    for (InstanceGroupRecord group : groups) {
      units += group.running * sizeFactor(group.config.instanceType());
    }
    for (InstanceFleetRecord fleet : fleets) {
      units += (fleet.provisionedOnDemand + fleet.provisionedSpot) * 8;
    }
    return (int) Math.min(Integer.MAX_VALUE, hours * units);
  }

  private static int sizeFactor(String instanceType) {
    if (instanceType == null || !instanceType.contains(".")) {
      return 8;
    }
    String size = instanceType.substring(instanceType.indexOf('.') + 1);
    switch (size) {
      case "medium":
        return 2;
      case "large":
        return 4;
      case "xlarge":
        return 8;
      default:
        if (size.endsWith("xlarge")) {
          try {
            return 8 * Integer.parseInt(size.substring(0, size.length() - "xlarge".length()));
          } catch (NumberFormatException e) {
            return 8;
          }
        }
        return 8;
    }
  }

  Cluster toCluster(Instant now) {
    JobFlowInstancesConfig instances = request.instances();
    List<Tag> tagList = new ArrayList<>();
    tags.forEach((k, v) -> tagList.add(Tag.builder().key(k).value(v).build()));
    Ec2InstanceAttributes.Builder ec2 =
        Ec2InstanceAttributes.builder()
            .ec2KeyName(instances.ec2KeyName())
            .ec2AvailabilityZone(availabilityZone)
            .iamInstanceProfile(request.jobFlowRole())
            .emrManagedMasterSecurityGroup(instances.emrManagedMasterSecurityGroup())
            .emrManagedSlaveSecurityGroup(instances.emrManagedSlaveSecurityGroup())
            .serviceAccessSecurityGroup(instances.serviceAccessSecurityGroup())
            .additionalMasterSecurityGroups(instances.additionalMasterSecurityGroups())
            .additionalSlaveSecurityGroups(instances.additionalSlaveSecurityGroups());
    if (instances.ec2SubnetId() != null) {
      ec2.ec2SubnetId(instances.ec2SubnetId());
    } else if (instances.hasEc2SubnetIds() && !instances.ec2SubnetIds().isEmpty()) {
      ec2.ec2SubnetId(instances.ec2SubnetIds().get(0))
          .requestedEc2SubnetIds(instances.ec2SubnetIds());
    }
    return Cluster.builder()
        .id(id)
        .name(name())
        .clusterArn(arn)
        .status(status())
        .ec2InstanceAttributes(ec2.build())
        .instanceCollectionType(collectionType)
        .logUri(request.logUri())
        .logEncryptionKmsKeyId(request.logEncryptionKmsKeyId())
        .requestedAmiVersion(request.amiVersion())
        .releaseLabel(request.releaseLabel())
        .autoTerminate(!keepAlive)
        .terminationProtected(terminationProtected)
        .unhealthyNodeReplacement(instances.unhealthyNodeReplacement())
        .visibleToAllUsers(visibleToAllUsers)
        .applications(request.applications())
        .tags(tagList)
        .serviceRole(request.serviceRole())
        .normalizedInstanceHours(normalizedInstanceHours(now))
        .masterPublicDnsName(masterDns)
        .configurations(request.configurations())
        .securityConfiguration(request.securityConfiguration())
        .autoScalingRole(request.autoScalingRole())
        .scaleDownBehavior(request.scaleDownBehavior())
        .customAmiId(request.customAmiId())
        .ebsRootVolumeSize(request.ebsRootVolumeSize())
        .repoUpgradeOnBoot(request.repoUpgradeOnBoot())
        .kerberosAttributes(request.kerberosAttributes())
        .stepConcurrencyLevel(stepConcurrency)
        .placementGroups(request.placementGroupConfigs())
        .osReleaseLabel(request.osReleaseLabel())
        .build();
  }

  ClusterSummary toSummary(Instant now) {
    return ClusterSummary.builder()
        .id(id)
        .name(name())
        .status(status())
        .normalizedInstanceHours(normalizedInstanceHours(now))
        .clusterArn(arn)
        .build();
  }
}

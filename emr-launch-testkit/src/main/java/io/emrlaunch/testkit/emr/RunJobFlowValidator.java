package io.emrlaunch.testkit.emr;

import static io.emrlaunch.testkit.emr.EmrErrors.validation;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.InstanceFleetConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * The synchronous checks EMR makes on RunJobFlow and AddJobFlowSteps. Like EMR, it reports the
 * first problem as a {@code ValidationException}; nothing is created for a rejected request.
 */
final class RunJobFlowValidator {
  private static final Pattern RELEASE = Pattern.compile("emr-(\\d+)\\.(\\d+)\\.(\\d+)");

  private RunJobFlowValidator() {}

  static void validate(RunJobFlowRequest request, Collection<String> securityConfigurations) {
    if (request.name() == null || request.name().isBlank()) {
      throw validation("Name is required.");
    }
    if (request.name().length() > 256) {
      throw validation("Name must be at most 256 characters.");
    }
    int[] release = release(request);
    JobFlowInstancesConfig instances = request.instances();
    if (instances == null) {
      throw validation("Instances is required.");
    }
    boolean groups = instances.hasInstanceGroups() && !instances.instanceGroups().isEmpty();
    boolean fleets = instances.hasInstanceFleets() && !instances.instanceFleets().isEmpty();
    boolean legacy = instances.masterInstanceType() != null;
    if ((groups ? 1 : 0) + (fleets ? 1 : 0) + (legacy ? 1 : 0) != 1) {
      throw validation(
          "Exactly one of InstanceGroups, InstanceFleets or MasterInstanceType/SlaveInstanceType/InstanceCount"
              + " must be specified.");
    }
    if (groups) {
      validateGroups(instances.instanceGroups(), release);
    } else if (fleets) {
      validateFleets(instances.instanceFleets(), release);
    } else {
      if (instances.instanceCount() == null || instances.instanceCount() < 1) {
        throw validation("InstanceCount must be at least 1.");
      }
      if (instances.instanceCount() > 1 && instances.slaveInstanceType() == null) {
        throw validation("SlaveInstanceType is required when InstanceCount is greater than 1.");
      }
    }
    Integer concurrency = request.stepConcurrencyLevel();
    if (concurrency != null && (concurrency < 1 || concurrency > 256)) {
      throw validation("StepConcurrencyLevel must be between 1 and 256.");
    }
    if (request.securityConfiguration() != null
        && !securityConfigurations.contains(request.securityConfiguration())) {
      throw validation(
          "Security configuration '" + request.securityConfiguration() + "' does not exist.");
    }
    for (Tag tag : request.tags()) {
      if (tag.key() == null || tag.key().isEmpty()) {
        throw validation("Tag keys must not be empty.");
      }
    }
    validateSteps(request.steps(), concurrency == null ? 1 : concurrency);
  }

  static void validateSteps(List<StepConfig> steps, int concurrency) {
    for (StepConfig step : steps) {
      if (step.name() == null || step.name().isBlank()) {
        throw validation("Step name is required.");
      }
      if (step.name().length() > 256) {
        throw validation("Step name must be at most 256 characters: " + step.name());
      }
      if (step.hadoopJarStep() == null
          || step.hadoopJarStep().jar() == null
          || step.hadoopJarStep().jar().isBlank()) {
        throw validation("Step '" + step.name() + "': HadoopJarStep.Jar is required.");
      }
      if (step.actionOnFailure() == ActionOnFailure.UNKNOWN_TO_SDK_VERSION) {
        throw validation(
            "Step '"
                + step.name()
                + "': invalid ActionOnFailure "
                + step.actionOnFailureAsString());
      }
      ActionOnFailure action = step.actionOnFailure();
      if (concurrency > 1 && action != null && action != ActionOnFailure.CONTINUE) {
        // EMR: with StepConcurrencyLevel > 1 only CONTINUE is accepted; the step is not submitted
        throw validation(
            "Step '"
                + step.name()
                + "': the ActionOnFailure setting "
                + action
                + " is not valid when StepConcurrencyLevel is greater than 1; use CONTINUE.");
      }
    }
  }

  private static int[] release(RunJobFlowRequest request) {
    String label = request.releaseLabel();
    if (label == null) {
      if (request.amiVersion() == null) {
        throw validation("ReleaseLabel is required.");
      }
      return new int[] {3, 0, 0};
    }
    if (request.amiVersion() != null) {
      throw validation("Only one of ReleaseLabel or AmiVersion may be specified.");
    }
    Matcher m = RELEASE.matcher(label);
    if (!m.matches()) {
      throw validation("The specified release label '" + label + "' is not valid.");
    }
    return new int[] {
      Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))
    };
  }

  private static boolean atLeast(int[] release, int major, int minor) {
    return release[0] > major || (release[0] == major && release[1] >= minor);
  }

  private static void validateGroups(List<InstanceGroupConfig> groups, int[] release) {
    int masters = 0;
    int cores = 0;
    for (InstanceGroupConfig group : groups) {
      if (group.instanceRole() == null
          || group.instanceRole() == InstanceRoleType.UNKNOWN_TO_SDK_VERSION) {
        throw validation("InstanceRole is required for every instance group.");
      }
      if (group.instanceType() == null || group.instanceType().isBlank()) {
        throw validation("InstanceType is required for instance group " + group.instanceRole());
      }
      if (group.instanceCount() == null || group.instanceCount() < 0) {
        throw validation("InstanceCount is required for instance group " + group.instanceRole());
      }
      if (group.instanceRole() == InstanceRoleType.MASTER) {
        masters++;
        int count = group.instanceCount();
        if (count != 1 && count != 3) {
          throw validation(
              "The master instance group must have 1 or 3 instances; " + count + " requested.");
        }
        if (count == 3 && !atLeast(release, 5, 23)) {
          throw validation("Multiple master nodes require release label emr-5.23.0 or later.");
        }
      } else if (group.instanceRole() == InstanceRoleType.CORE) {
        cores++;
      }
    }
    if (masters != 1) {
      throw validation("Exactly one MASTER instance group is required; found " + masters + ".");
    }
    if (cores > 1) {
      throw validation("At most one CORE instance group is allowed; found " + cores + ".");
    }
  }

  private static void validateFleets(List<InstanceFleetConfig> fleets, int[] release) {
    int masters = 0;
    int cores = 0;
    for (InstanceFleetConfig fleet : fleets) {
      InstanceFleetType type = fleet.instanceFleetType();
      if (type == null || type == InstanceFleetType.UNKNOWN_TO_SDK_VERSION) {
        throw validation("InstanceFleetType is required for every instance fleet.");
      }
      if (!fleet.hasInstanceTypeConfigs() || fleet.instanceTypeConfigs().isEmpty()) {
        throw validation("Instance fleet " + type + " needs at least one InstanceTypeConfig.");
      }
      int capacity =
          InstanceFleetRecord.orZero(fleet.targetOnDemandCapacity())
              + InstanceFleetRecord.orZero(fleet.targetSpotCapacity());
      if (type == InstanceFleetType.MASTER) {
        masters++;
        if (capacity != 1 && capacity != 3) {
          throw validation(
              "The master instance fleet must have a target capacity of 1 or 3; "
                  + capacity
                  + " requested.");
        }
        if (capacity == 3 && !atLeast(release, 5, 36)) {
          throw validation(
              "Multiple master nodes in an instance fleet require release label emr-5.36.1 or later.");
        }
      } else if (type == InstanceFleetType.CORE) {
        cores++;
      }
    }
    if (masters != 1) {
      throw validation("Exactly one MASTER instance fleet is required; found " + masters + ".");
    }
    if (cores > 1) {
      throw validation("At most one CORE instance fleet is allowed; found " + cores + ".");
    }
  }
}

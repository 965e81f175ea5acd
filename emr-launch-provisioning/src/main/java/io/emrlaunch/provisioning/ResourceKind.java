package io.emrlaunch.provisioning;

/** The resources a {@link ProfileProvisioner} manages, in the order {@code apply} handles them. */
public enum ResourceKind {
  /** The EMR service role ({@code <namespace>_<name>-ServiceRole}). */
  SERVICE_ROLE,
  /** The EC2 instance role ({@code <namespace>_<name>-InstanceRole}). */
  INSTANCE_ROLE,
  /** The auto-scaling role ({@code <namespace>_<name>-AutoScalingRole}). */
  AUTO_SCALING_ROLE,
  /** The instance profile holding the instance role (same name as the role). */
  INSTANCE_PROFILE,
  /** The EMR-managed security group of the primary (master) node. */
  MASTER_SECURITY_GROUP,
  /** The EMR-managed security group of core and task nodes. */
  WORKERS_SECURITY_GROUP,
  /** The EMR-managed service-access security group (private subnets). */
  SERVICE_ACCESS_SECURITY_GROUP,
  /** The EMR security configuration (immutable in EMR: a new name per content). */
  SECURITY_CONFIGURATION,
  /** The stored {@link io.emrlaunch.core.model.EmrProfile} record. */
  PROFILE_RECORD
}

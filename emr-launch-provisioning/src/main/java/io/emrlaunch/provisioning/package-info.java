/**
 * Provisioning of the security half of an EMR profile: the EMR service role, the EC2 instance role
 * and its instance profile, the auto-scaling role, the three EMR-managed security groups and the
 * EMR security configuration, with {@link io.emrlaunch.provisioning.ProfileProvisioner#plan plan},
 * {@link io.emrlaunch.provisioning.ProfileProvisioner#apply apply} and {@link
 * io.emrlaunch.provisioning.ProfileProvisioner#destroy destroy}. See {@code docs/provisioning.md}.
 */
package io.emrlaunch.provisioning;

/**
 * Cluster pools: jobs reuse WAITING clusters launched from the same profile and configuration
 * instead of booting a transient cluster each. {@link io.emrlaunch.core.pool.ClusterPool} claims a
 * slot on a fitting cluster through a {@link io.emrlaunch.core.pool.LeaseStore} (create-if-absent
 * records, e.g. SSM parameters), so several processes sharing a pool never over-commit a cluster;
 * idle clusters end through EMR's own {@code AutoTerminationPolicy}.
 */
package io.emrlaunch.core.pool;

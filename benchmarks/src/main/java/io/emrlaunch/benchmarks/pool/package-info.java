/** Cluster pool versus one transient cluster per job, simulated on the testkit. */
package io.emrlaunch.benchmarks.pool;

/**
 * Cold start and footprint: wall time from JVM start to the first {@code RunJobFlow} request (our
 * launcher against the bare SDK call, each in a fresh JVM, with the Netty and the CRT clients),
 * heap retained by {@code ClusterMonitor} against the SDK waiter, and jar sizes and dependency
 * counts.
 */
package io.emrlaunch.benchmarks.coldstart;

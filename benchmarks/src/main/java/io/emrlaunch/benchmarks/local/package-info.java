/** The local ASL engine's throughput, and one launch-function execution locally vs in moto. */
package io.emrlaunch.benchmarks.local;

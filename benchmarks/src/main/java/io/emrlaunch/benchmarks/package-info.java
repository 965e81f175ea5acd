/** JMH benchmarks of emr-launch (not published). */
package io.emrlaunch.benchmarks;

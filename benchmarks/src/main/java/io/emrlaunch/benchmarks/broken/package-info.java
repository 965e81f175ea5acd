/** The generated broken-input campaign of issue 14 (R2). */
package io.emrlaunch.benchmarks.broken;

/**
 * The in-memory Amazon EMR: {@link io.emrlaunch.testkit.emr.FakeEmr} and the scriptable, seeded
 * {@link io.emrlaunch.testkit.emr.EmrBehavior} that decides how long clusters and steps take and
 * what fails.
 */
package io.emrlaunch.testkit.emr;

/**
 * Wire-level tests against the moto server: {@link io.emrlaunch.testkit.moto.MotoServer} starts and
 * controls a local moto process and builds SDK clients for it; {@link
 * io.emrlaunch.testkit.moto.MotoTest} runs JUnit 5 tests against one shared server.
 */
package io.emrlaunch.testkit.moto;

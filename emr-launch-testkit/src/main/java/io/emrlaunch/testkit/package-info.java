/** In-memory AWS services, virtual time, fault injection and a moto harness for testing. */
package io.emrlaunch.testkit;

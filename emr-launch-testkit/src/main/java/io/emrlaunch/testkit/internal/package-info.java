/**
 * Client-view machinery: turns a fake backend into the SDK's sync and async client interfaces,
 * applying the fault plan, virtual latency and the call log. Not API; may change without notice.
 */
package io.emrlaunch.testkit.internal;

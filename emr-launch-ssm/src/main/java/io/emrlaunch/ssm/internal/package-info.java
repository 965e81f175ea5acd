/** Implementation of the SSM repositories; not part of the public API. */
package io.emrlaunch.ssm.internal;

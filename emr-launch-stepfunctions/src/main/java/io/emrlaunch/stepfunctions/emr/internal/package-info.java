/** Implementation details of the EMR task states; not part of the public API. */
package io.emrlaunch.stepfunctions.emr.internal;

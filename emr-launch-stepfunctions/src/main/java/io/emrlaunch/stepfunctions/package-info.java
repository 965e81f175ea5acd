/** Amazon States Language generation for EMR: the builder, EMR states, IAM policies, deployment. */
package io.emrlaunch.stepfunctions;

/** SSM Parameter Store repositories for profiles, cluster configurations and launch functions. */
package io.emrlaunch.ssm;

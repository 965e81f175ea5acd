/** In-memory Amazon S3 (the few operations the library uses) behind the SDK client interfaces. */
package io.emrlaunch.testkit.s3;

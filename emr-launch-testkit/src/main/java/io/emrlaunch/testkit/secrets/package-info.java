/** In-memory AWS Secrets Manager behind the SDK client interfaces (see {@code FakeAws}). */
package io.emrlaunch.testkit.secrets;

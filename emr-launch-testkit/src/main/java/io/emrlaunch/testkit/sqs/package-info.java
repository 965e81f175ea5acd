/** In-memory Amazon SQS behind the SDK client interfaces (see {@code FakeAws}). */
package io.emrlaunch.testkit.sqs;

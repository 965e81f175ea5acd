package io.emrlaunch.testkit.conformance;

import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import software.amazon.awssdk.services.emr.EmrClient;

/** The EMR scenarios against the in-memory fake, in virtual time. */
class FakeEmrConformanceTest extends EmrConformance {
  private final FakeAws aws = FakeAws.create();

  @Override
  EmrClient emr() {
    return aws.emr();
  }

  @Override
  void settle() {
    aws.time().advance(Duration.ofHours(3));
  }

  @Override
  boolean simulatesLifecycle() {
    return true;
  }
}

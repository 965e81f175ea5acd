package io.emrlaunch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** With a per-class lifecycle the constructor's bundle is shared by every test of the class. */
@EmrLaunchTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeAwsExtensionPerClassTest {
  private final FakeAws shared;

  FakeAwsExtensionPerClassTest(FakeAws aws) {
    this.shared = aws;
  }

  @Test
  @Order(1)
  void first(FakeAws aws) {
    assertThat(aws).isSameAs(shared);
    aws.emr().listClusters();
  }

  @Test
  @Order(2)
  void second(FakeAws aws) {
    assertThat(aws).isSameAs(shared);
    assertThat(aws.calls().count(FakeAws.EMR, "ListClusters")).isEqualTo(1);
  }
}

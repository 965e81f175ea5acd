package io.emrlaunch.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.Tag;

/**
 * Step Functions scenarios that must give the same observable results on {@code FakeSfn} and on
 * moto in its default (non-executing) mode, where executions stay RUNNING until stopped. The {@code
 * stricter*} scenarios pin where the fake follows AWS and moto 5.2.1 does not.
 */
abstract class SfnConformance {
  static final String ROLE = "arn:aws:iam::123456789012:role/sfn-role";
  static final String PASS =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
  static final String WAIT =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":5,\"End\":true}}}";

  abstract SfnClient sfn();

  /** True for the fake, false for moto (documented gaps). */
  abstract boolean followsAws();

  String create(String name, String definition) {
    return sfn()
        .createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  @Test
  void createThenDescribe() {
    String arn = create("etl", PASS);
    DescribeStateMachineResponse d = sfn().describeStateMachine(r -> r.stateMachineArn(arn));
    assertThat(arn).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:etl");
    assertThat(d.name()).isEqualTo("etl");
    assertThat(d.definition()).isEqualTo(PASS);
    assertThat(d.roleArn()).isEqualTo(ROLE);
    assertThat(d.typeAsString()).isEqualTo("STANDARD");
    assertThat(d.statusAsString()).isEqualTo("ACTIVE");
    assertThat(d.creationDate()).isNotNull();
  }

  @Test
  void createWithTheSameDefinitionIsIdempotent() {
    String first = create("same", PASS);
    assertThat(create("same", PASS)).isEqualTo(first);
    assertThat(sfn().listStateMachines().stateMachines()).hasSize(1);
  }

  @Test
  void updateReplacesTheDefinition() {
    String arn = create("upd", PASS);
    sfn().updateStateMachine(r -> r.stateMachineArn(arn).definition(WAIT));
    assertThat(sfn().describeStateMachine(r -> r.stateMachineArn(arn)).definition())
        .isEqualTo(WAIT);
  }

  @Test
  void listAndDelete() {
    String a = create("a", PASS);
    create("b", PASS);
    assertThat(sfn().listStateMachines().stateMachines())
        .extracting(StateMachineListItem::name)
        .containsExactlyInAnyOrder("a", "b");
    sfn().deleteStateMachine(r -> r.stateMachineArn(a));
    assertThatThrownBy(() -> sfn().describeStateMachine(r -> r.stateMachineArn(a)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThat(sfn().listStateMachines().stateMachines())
        .extracting(StateMachineListItem::name)
        .containsExactly("b");
  }

  @Test
  void missingMachineIsStateMachineDoesNotExist() {
    String arn = "arn:aws:states:us-east-1:123456789012:stateMachine:nope";
    assertThatThrownBy(() -> sfn().describeStateMachine(r -> r.stateMachineArn(arn)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(() -> sfn().startExecution(r -> r.stateMachineArn(arn)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }

  @Test
  void namesAndRolesAreChecked() {
    assertThatThrownBy(() -> create("has space", PASS)).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> create("a/b", PASS)).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(
            () ->
                sfn()
                    .createStateMachine(
                        r -> r.name("x").definition(PASS).roleArn("arn:aws:iam::123:user/u")))
        .isInstanceOf(InvalidArnException.class);
  }

  @Test
  void tags() {
    String arn =
        sfn()
            .createStateMachine(
                r ->
                    r.name("tagged")
                        .definition(PASS)
                        .roleArn(ROLE)
                        .tags(Tag.builder().key("team").value("data").build()))
            .stateMachineArn();
    sfn().tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build()));
    sfn().untagResource(r -> r.resourceArn(arn).tagKeys("team"));
    assertThat(sfn().listTagsForResource(r -> r.resourceArn(arn)).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("env=dev");
  }

  @Test
  void executionsRunUntilStopped() {
    String machine = create("runs", WAIT);
    String exec =
        sfn()
            .startExecution(r -> r.stateMachineArn(machine).name("first").input("{\"a\":1}"))
            .executionArn();
    assertThat(exec).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:runs:first");
    DescribeExecutionResponse running = sfn().describeExecution(r -> r.executionArn(exec));
    assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(running.stateMachineArn()).isEqualTo(machine);
    assertThat(running.input()).isEqualTo("{\"a\":1}");
    assertThat(running.stopDate()).isNull();

    assertThat(sfn().stopExecution(r -> r.executionArn(exec)).stopDate()).isNotNull();
    assertThat(sfn().describeExecution(r -> r.executionArn(exec)).status())
        .isEqualTo(ExecutionStatus.ABORTED);
    assertThat(
            sfn()
                .listExecutions(
                    r -> r.stateMachineArn(machine).statusFilter(ExecutionStatus.ABORTED))
                .executions())
        .extracting(ExecutionListItem::name)
        .containsExactly("first");
    assertThat(
            sfn()
                .listExecutions(
                    r -> r.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING))
                .executions())
        .isEmpty();
  }

  @Test
  void startIsIdempotentForTheSameNameAndInputOnly() {
    String machine = create("idem", WAIT);
    String first =
        sfn().startExecution(r -> r.stateMachineArn(machine).name("n").input("{}")).executionArn();
    assertThat(
            sfn()
                .startExecution(r -> r.stateMachineArn(machine).name("n").input("{}"))
                .executionArn())
        .isEqualTo(first);
    assertThatThrownBy(
            () ->
                sfn().startExecution(r -> r.stateMachineArn(machine).name("n").input("{\"b\":2}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);
    sfn().stopExecution(r -> r.executionArn(first));
    assertThatThrownBy(
            () -> sfn().startExecution(r -> r.stateMachineArn(machine).name("n").input("{}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);
  }

  @Test
  void inputMustBeJson() {
    String machine = create("json", WAIT);
    assertThatThrownBy(() -> sfn().startExecution(r -> r.stateMachineArn(machine).input("{nope")))
        .isInstanceOf(InvalidExecutionInputException.class);
  }

  // ----- where the fake follows AWS and moto 5.2.1 does not ------------------------------------

  @Test
  void stricterDuplicateNameWithAnotherDefinition() {
    String first = create("dup", PASS);
    if (followsAws()) {
      assertThatThrownBy(() -> create("dup", WAIT))
          .isInstanceOf(StateMachineAlreadyExistsException.class);
    } else {
      // moto returns the existing machine, unchanged.
      assertThat(create("dup", WAIT)).isEqualTo(first);
      assertThat(sfn().describeStateMachine(r -> r.stateMachineArn(first)).definition())
          .isEqualTo(PASS);
    }
  }

  @Test
  void stricterDefinitionsAreChecked() {
    if (followsAws()) {
      assertThatThrownBy(() -> create("bad", "not json {"))
          .isInstanceOf(InvalidDefinitionException.class);
      assertThatThrownBy(() -> create("bad", "{\"StartAt\":\"X\",\"States\":{\"P\":{}}}"))
          .isInstanceOf(InvalidDefinitionException.class);
    } else {
      create("bad", "not json {");
    }
  }
}

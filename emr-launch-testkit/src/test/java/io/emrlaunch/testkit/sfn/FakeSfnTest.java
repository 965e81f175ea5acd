package io.emrlaunch.testkit.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.EmrLaunchTest;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineDeletingException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** FakeSfn beyond the conformance scenarios: scripted outcomes, lifecycles, limits, views. */
@EmrLaunchTest
class FakeSfnTest {
  static final String ROLE = "arn:aws:iam::123456789012:role/r";
  static final String PASS =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

  static String machine(SfnClient sfn, String name) {
    return sfn.createStateMachine(r -> r.name(name).definition(PASS).roleArn(ROLE))
        .stateMachineArn();
  }

  @Test
  void testsScriptTheOutcomeOfExecutions(FakeAws aws, SfnClient sfn, FakeSfn backend) {
    String m = machine(sfn, "m");
    String ok = sfn.startExecution(r -> r.stateMachineArn(m).name("ok")).executionArn();
    String bad = sfn.startExecution(r -> r.stateMachineArn(m).name("bad")).executionArn();
    String slow = sfn.startExecution(r -> r.stateMachineArn(m).name("slow")).executionArn();
    assertThat(backend.runningExecutions()).containsExactly(ok, bad, slow);

    aws.time().advance(Duration.ofMinutes(7));
    backend.succeedExecution(ok, "{\"clusterId\":\"j-1\"}");
    backend.failExecution(bad, "States.TaskFailed", "step failed");
    backend.timeOutExecution(slow);

    DescribeExecutionResponse done = sfn.describeExecution(r -> r.executionArn(ok));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"clusterId\":\"j-1\"}");
    assertThat(Duration.between(done.startDate(), done.stopDate()))
        .isEqualTo(Duration.ofMinutes(7));
    DescribeExecutionResponse failed = sfn.describeExecution(r -> r.executionArn(bad));
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.error()).isEqualTo("States.TaskFailed");
    assertThat(failed.cause()).isEqualTo("step failed");
    assertThat(sfn.describeExecution(r -> r.executionArn(slow)).status())
        .isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(backend.runningExecutions()).isEmpty();
    assertThatThrownBy(() -> backend.succeedExecution(ok, "{}"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> backend.succeedExecution(slow, "not json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void executionsAreListedNewestFirstAndPaged(SfnClient sfn) {
    String m = machine(sfn, "paged");
    for (int i = 0; i < 5; i++) {
      String name = "e" + i;
      sfn.startExecution(r -> r.stateMachineArn(m).name(name));
    }
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      var page = sfn.listExecutions(r -> r.stateMachineArn(m).maxResults(2).nextToken(t));
      page.executions().stream().map(ExecutionListItem::name).forEach(names::add);
      token = page.nextToken();
    } while (token != null);
    assertThat(names).containsExactly("e4", "e3", "e2", "e1", "e0");
    assertThatThrownBy(() -> sfn.listExecutions(r -> r.stateMachineArn(m).nextToken("zzz")))
        .isInstanceOf(InvalidTokenException.class);
    // A well-formed token with a negative position is as invalid as garbage.
    String negative =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("sfn:-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> sfn.listExecutions(r -> r.stateMachineArn(m).nextToken(negative)))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> sfn.listStateMachines(r -> r.nextToken(negative)))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void generatedExecutionNamesAreSeeded() {
    FakeSfn a = FakeSfn.builder().seed(7).build();
    FakeSfn b = FakeSfn.builder().seed(7).build();
    for (FakeSfn f : List.of(a, b)) {
      f.createStateMachine(r -> r.name("s").definition(PASS).roleArn(ROLE));
    }
    String arn = a.stateMachineArn("s");
    assertThat(a.startExecution(r -> r.stateMachineArn(arn)).executionArn())
        .isEqualTo(b.startExecution(r -> r.stateMachineArn(arn)).executionArn());
  }

  @Test
  void aMachineDeletedWhileRunningIsDeletingUntilItsLastExecutionEnds(
      SfnClient sfn, FakeSfn backend) {
    String m = machine(sfn, "busy");
    String e = sfn.startExecution(r -> r.stateMachineArn(m)).executionArn();
    sfn.deleteStateMachine(r -> r.stateMachineArn(m));
    assertThat(sfn.describeStateMachine(r -> r.stateMachineArn(m)).statusAsString())
        .isEqualTo("DELETING");
    assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(m)))
        .isInstanceOf(StateMachineDeletingException.class);
    backend.succeedExecution(e, "{}");
    assertThatThrownBy(() -> sfn.describeStateMachine(r -> r.stateMachineArn(m)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThat(backend.stateMachineCount()).isZero();
  }

  @Test
  void nameLengthAndUpdateRules(SfnClient sfn) {
    String longName = "n".repeat(81);
    assertThatThrownBy(() -> machine(sfn, longName)).isInstanceOf(ValidationException.class);
    machine(sfn, "n".repeat(80));
    String m = machine(sfn, "upd");
    assertThatThrownBy(() -> sfn.updateStateMachine(r -> r.stateMachineArn(m)))
        .isInstanceOf(MissingRequiredParameterException.class);
    var update = sfn.updateStateMachine(r -> r.stateMachineArn(m).roleArn(ROLE + "2"));
    assertThat(sfn.describeStateMachine(r -> r.stateMachineArn(m)).revisionId())
        .isEqualTo(update.revisionId());
  }

  @Test
  void fiftyTagsAtMost(SfnClient sfn) {
    String m = machine(sfn, "tags");
    List<Tag> fifty = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fifty.add(Tag.builder().key("k" + i).value("v").build());
    }
    sfn.tagResource(r -> r.resourceArn(m).tags(fifty));
    assertThatThrownBy(
            () ->
                sfn.tagResource(
                    r -> r.resourceArn(m).tags(Tag.builder().key("x").value("v").build())))
        .isInstanceOf(TooManyTagsException.class);
    assertThatThrownBy(
            () -> sfn.listTagsForResource(r -> r.resourceArn(m.replace("tags", "other"))))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void callsAreRecordedAndFaultsInjected(FakeAws aws, SfnAsyncClient sfn) {
    aws.faults().on(FakeAws.SFN, "StartExecution").next(1).throttle();
    String m =
        sfn.createStateMachine(r -> r.name("f").definition(PASS).roleArn(ROLE))
            .join()
            .stateMachineArn();
    assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(m)).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.isThrottlingException()).isTrue();
              assertThat(e.awsErrorDetails().serviceName()).isEqualTo("SFN");
            });
    assertThat(aws.sfnBackend().runningExecutions()).isEmpty();
    sfn.startExecution(r -> r.stateMachineArn(m)).join();
    assertThat(aws.calls().count(FakeAws.SFN, "StartExecution")).isEqualTo(2);
    assertThat(aws.calls().count(FakeAws.SFN, "CreateStateMachine")).isEqualTo(1);
  }

  @Test
  void historyHasTheStartAndTheEnd(SfnClient sfn, FakeSfn backend) {
    String m = machine(sfn, "hist");
    String e = sfn.startExecution(r -> r.stateMachineArn(m).input("{\"x\":1}")).executionArn();
    assertThat(sfn.getExecutionHistory(r -> r.executionArn(e)).events())
        .extracting(HistoryEvent::type)
        .containsExactly(HistoryEventType.EXECUTION_STARTED);
    backend.failExecution(e, "Boom", "it broke");
    var events = sfn.getExecutionHistory(r -> r.executionArn(e).reverseOrder(true)).events();
    assertThat(events)
        .extracting(HistoryEvent::type)
        .containsExactly(HistoryEventType.EXECUTION_FAILED, HistoryEventType.EXECUTION_STARTED);
    assertThat(events.get(0).executionFailedEventDetails().error()).isEqualTo("Boom");
    assertThat(events.get(1).executionStartedEventDetails().input()).isEqualTo("{\"x\":1}");
    assertThat(events.get(1).executionStartedEventDetails().roleArn()).isEqualTo(ROLE);
    var first = sfn.getExecutionHistory(r -> r.executionArn(e).maxResults(1));
    assertThat(first.events()).hasSize(1);
    assertThat(
            sfn.getExecutionHistory(r -> r.executionArn(e).nextToken(first.nextToken())).events())
        .extracting(HistoryEvent::id)
        .containsExactly(2L);
  }
}

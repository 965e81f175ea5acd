package io.emrlaunch.stepfunctions.local;

import static io.emrlaunch.stepfunctions.local.LocalRuns.output;
import static io.emrlaunch.stepfunctions.local.LocalRuns.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

class LocalEngineTest {
  final LocalRuns local = new LocalRuns();

  LocalExecution run(String def, String input) {
    return local.run(q(def), q(input));
  }

  @Test
  void passDataFlowAppliesInputPathParametersResultPathOutputPath() {
    LocalExecution e =
        run(
            "{'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':'$.in',"
                + "'Parameters':{'v.$':'$.a','lit':1,'ctx.$':'$$.State.Name','nested':{'b.$':'$.b'}},"
                + "'ResultPath':'$.in.r','OutputPath':'$.in','End':true}}}",
            "{'in':{'a':'x','b':[1,2]}}");
    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(output(e).toString())
        .isEqualTo(q("{'a':'x','b':[1,2],'r':{'v':'x','lit':1,'ctx':'P','nested':{'b':[1,2]}}}"));
  }

  @Test
  void pathSelectingNothingFailsWithStatesRuntime() {
    LocalExecution e =
        run(
            "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'v.$':'$.missing'},"
                + "'End':true}}}",
            "{}");
    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("States.Runtime");
    assertThat(e.cause().orElseThrow()).contains("$.missing").contains("v.$");
  }

  @Test
  void anIndexPastTheEndOfAnArraySelectsNothing() {
    // Found by the differential test against aws-local-stepfunctions: Jayway reports $.e[9] on a
    // two-element array as a found null.
    LocalExecution choice =
        run(
            "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
                + "{'Variable':'$.e[9]','IsPresent':true,'Next':'Yes'}],'Default':'No'},"
                + "'Yes':{'Type':'Pass','Result':'yes','End':true},"
                + "'No':{'Type':'Pass','Result':'no','End':true}}}",
            "{'e':[1,2],'n':null}");
    assertThat(output(choice).asText()).isEqualTo("no");
    LocalExecution read =
        run(
            "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'v.$':'$.e[9]',"
                + "'n.$':'$.n'},'End':true}}}",
            "{'e':[1,2],'n':null}");
    assertThat(read.error()).contains("States.Runtime");
    assertThat(read.cause().orElseThrow()).contains("$.e[9]");
    LocalExecution nullLeaf =
        run(
            "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'n.$':'$.n',"
                + "'last.$':'$.e[1]'},'End':true}}}",
            "{'e':[1,2],'n':null}");
    assertThat(output(nullLeaf).toString()).isEqualTo(q("{'n':null,'last':2}"));
  }

  @Test
  void inputThatIsNotJsonAndInvalidDefinitionEndTheExecutionWithoutAnException() {
    LocalExecution bad = run("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}", "{nope");
    assertThat(bad.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(bad.error()).contains("States.Runtime");
    LocalExecution invalid =
        run("{'StartAt':'Missing','States':{'P':{'Type':'Pass','End':true}}}", "{}");
    assertThat(invalid.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(invalid.cause().orElseThrow()).contains("Invalid state machine definition");
    LocalExecution notJson = local.run("not json", "{}");
    assertThat(notJson.status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void undispatchableResourceFailsWithStatesRuntime() {
    LocalExecution e =
        run(
            "{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::aws-sdk:dynamodb:getItem','End':true}}}",
            "{}");
    assertThat(e.error()).contains("States.Runtime");
    assertThat(e.cause().orElseThrow()).contains("dynamodb");
  }

  @Test
  void resultPathOntoAStringIsResultPathMatchFailure() {
    LocalExecution e =
        run(
            "{'StartAt':'P','States':{'P':{'Type':'Pass','Result':1,'ResultPath':'$.a.b',"
                + "'End':true}}}",
            "{'a':'text'}");
    assertThat(e.error()).contains("States.ResultPathMatchFailure");
  }

  @Test
  void choiceOperatorsAndNoChoiceMatched() {
    String def =
        "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
            + "{'And':[{'Variable':'$.n','NumericGreaterThanEquals':10},"
            + "{'Variable':'$.s','StringMatches':'log-*.txt'}],'Next':'Big'},"
            + "{'Not':{'Variable':'$.t','TimestampLessThan':'2020-01-01T00:00:00Z'},"
            + "'Next':'Late'},"
            + "{'Variable':'$.n','NumericEqualsPath':'$.m','Next':'Same'}]},"
            + "'Big':{'Type':'Succeed'},'Late':{'Type':'Pass','Result':'late','End':true},"
            + "'Same':{'Type':'Pass','Result':'same','End':true}}}";
    assertThat(
            output(run(def, "{'n':12,'s':'log-1.txt','t':'2019-01-01T00:00:00Z'}"))
                .get("n")
                .asInt())
        .isEqualTo(12);
    assertThat(output(run(def, "{'n':1,'s':'x','t':'2021-01-01T00:00:00Z'}")).asText())
        .isEqualTo("late");
    assertThat(output(run(def, "{'n':1,'m':1,'s':'x','t':'2019-01-01T00:00:00Z'}")).asText())
        .isEqualTo("same");
    LocalExecution none = run(def, "{'n':1,'m':2,'s':'x','t':'2019-01-01T00:00:00Z'}");
    assertThat(none.error()).contains("States.NoChoiceMatched");
  }

  @Test
  void typeTestsAndIsPresent() {
    String def =
        "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
            + "{'Variable':'$.x','IsPresent':false,'Next':'Absent'},"
            + "{'Variable':'$.x','IsNull':true,'Next':'Null'},"
            + "{'Variable':'$.x','IsTimestamp':true,'Next':'Ts'},"
            + "{'Variable':'$.x','IsString':true,'Next':'Str'}],'Default':'Other'},"
            + "'Absent':{'Type':'Pass','Result':'absent','End':true},"
            + "'Null':{'Type':'Pass','Result':'null','End':true},"
            + "'Ts':{'Type':'Pass','Result':'ts','End':true},"
            + "'Str':{'Type':'Pass','Result':'str','End':true},"
            + "'Other':{'Type':'Pass','Result':'other','End':true}}}";
    assertThat(output(run(def, "{}")).asText()).isEqualTo("absent");
    assertThat(output(run(def, "{'x':null}")).asText()).isEqualTo("null");
    assertThat(output(run(def, "{'x':'2024-02-03T04:05:06Z'}")).asText()).isEqualTo("ts");
    assertThat(output(run(def, "{'x':'abc'}")).asText()).isEqualTo("str");
    assertThat(output(run(def, "{'x':5}")).asText()).isEqualTo("other");
  }

  @Test
  void waitVariantsAdvanceVirtualTime() {
    Instant start = local.aws.clock().instant();
    LocalExecution e =
        run(
            "{'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':600,'Next':'B'},"
                + "'B':{'Type':'Wait','SecondsPath':'$.s','Next':'C'},"
                + "'C':{'Type':'Wait','TimestampPath':'$.t','End':true}}}",
            "{'s':3000,'t':'2026-01-01T10:00:00Z'}");
    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(local.aws.clock().instant()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    assertThat(start).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void retryWithBackoffAndMaxDelayThenCatchWithResultPath() {
    AtomicInteger calls = new AtomicInteger();
    List<Instant> times = new java.util.ArrayList<>();
    LocalRuns r =
        new LocalRuns(
            io.emrlaunch.testkit.FakeAws.create(),
            b ->
                b.lambda(
                    (fn, in) -> {
                      calls.incrementAndGet();
                      return CompletableFuture.failedFuture(
                          new LocalTaskFailure("App.Flaky", "try again"));
                    }));
    Instant t0 = r.aws.clock().instant();
    LocalExecution e =
        r.run(
            q(
                "{'StartAt':'T','States':{'T':{'Type':'Task',"
                    + "'Resource':'arn:aws:lambda:us-east-1:123456789012:function:f',"
                    + "'Retry':[{'ErrorEquals':['App.Other'],'MaxAttempts':5},"
                    + "{'ErrorEquals':['States.ALL'],'IntervalSeconds':10,'BackoffRate':3,"
                    + "'MaxAttempts':3,'MaxDelaySeconds':60}],"
                    + "'Catch':[{'ErrorEquals':['App.Flaky'],'ResultPath':'$.err','Next':'D'}],"
                    + "'End':true},'D':{'Type':'Succeed'}}}"),
            q("{'keep':1}"));
    assertThat(calls.get()).isEqualTo(4);
    // 10 + 30 + min(90, 60)
    assertThat(Duration.between(t0, r.aws.clock().instant())).isEqualTo(Duration.ofSeconds(100));
    assertThat(output(e).toString())
        .isEqualTo(q("{'keep':1,'err':{'Error':'App.Flaky','Cause':'try again'}}"));
    assertThat(times).isEmpty();
  }

  @Test
  void maxAttemptsZeroNeverRetriesAndStatesAllDoesNotCatchRuntime() {
    AtomicInteger calls = new AtomicInteger();
    LocalRuns r =
        new LocalRuns(
            io.emrlaunch.testkit.FakeAws.create(),
            b ->
                b.lambda(
                    (fn, in) -> {
                      calls.incrementAndGet();
                      return CompletableFuture.failedFuture(new LocalTaskFailure("E", "c"));
                    }));
    LocalExecution e =
        r.run(
            q(
                "{'StartAt':'T','States':{'T':{'Type':'Task',"
                    + "'Resource':'arn:aws:lambda:us-east-1:123456789012:function:f',"
                    + "'Retry':[{'ErrorEquals':['E'],'MaxAttempts':0}],'End':true}}}"),
            "{}");
    assertThat(calls.get()).isEqualTo(1);
    assertThat(e.error()).contains("E");
    LocalExecution rt =
        run(
            "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'StartAt':'X',"
                + "'States':{'X':{'Type':'Pass','InputPath':'$.nope','End':true}}}],"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'S'}],'End':true},"
                + "'S':{'Type':'Succeed'}}}",
            "{}");
    assertThat(rt.error()).contains("States.Runtime");
  }

  @Test
  void taskTimeoutIsStatesTimeoutAndHeartbeatTimeout() {
    LocalRuns r =
        new LocalRuns(
            io.emrlaunch.testkit.FakeAws.create(),
            b -> b.lambda((fn, in) -> new CompletableFuture<>()));
    LocalExecution e =
        r.run(
            q(
                "{'StartAt':'T','States':{'T':{'Type':'Task','TimeoutSeconds':30,"
                    + "'Resource':'arn:aws:lambda:us-east-1:123456789012:function:f',"
                    + "'End':true}}}"),
            "{}");
    assertThat(e.error()).contains("States.Timeout");
    LocalExecution hb =
        r.run(
            q(
                "{'StartAt':'T','States':{'T':{'Type':'Task','HeartbeatSeconds':5,"
                    + "'Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',"
                    + "'Parameters':{'FunctionName':'f','Payload':{'t.$':'$$.Task.Token'}},"
                    + "'End':true}}}"),
            "{}");
    assertThat(hb.error()).contains("States.HeartbeatTimeout");
    assertThat(hb.history())
        .extracting(HistoryEvent::type)
        .contains(HistoryEventType.TASK_TIMED_OUT);
  }

  @Test
  void waitForTaskTokenCompletesWithSendTaskSuccess() {
    String[] token = new String[1];
    LocalRuns r =
        new LocalRuns(
            io.emrlaunch.testkit.FakeAws.create(),
            b ->
                b.lambda(
                    (fn, in) -> {
                      token[0] = in.get("token").asText();
                      return CompletableFuture.completedFuture(in);
                    }));
    CompletableFuture<LocalExecution> f =
        r.engine.start(
            q(
                "{'StartAt':'T','States':{'T':{'Type':'Task',"
                    + "'Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',"
                    + "'Parameters':{'FunctionName':'f','Payload':{'token.$':'$$.Task.Token'}},"
                    + "'ResultPath':'$.answer','End':true}}}"),
            "{}");
    r.aws.time().runUntilIdle();
    assertThat(f).isNotDone();
    assertThat(r.engine.sendTaskSuccess(token[0], q("{'ok':true}"))).isTrue();
    assertThat(output(r.await(f)).toString()).isEqualTo(q("{'answer':{'ok':true}}"));
    assertThat(r.engine.sendTaskSuccess(token[0], "{}")).isFalse();
  }

  @Test
  void activityWaitsForAWorker() {
    CompletableFuture<LocalExecution> f =
        local.engine.start(
            q(
                "{'StartAt':'T','States':{'T':{'Type':'Task',"
                    + "'Resource':'arn:aws:states:us-east-1:123456789012:activity:work',"
                    + "'End':true}}}"),
            q("{'job':7}"));
    local.aws.time().runUntilIdle();
    ActivityTask task =
        local
            .engine
            .pollActivityTask("arn:aws:states:us-east-1:123456789012:activity:work")
            .orElseThrow();
    assertThat(task.input()).isEqualTo(q("{'job':7}"));
    local.engine.sendTaskFailure(task.taskToken(), "Worker.Failed", "disk full");
    LocalExecution e = local.await(f);
    assertThat(e.error()).contains("Worker.Failed");
    assertThat(e.cause()).contains("disk full");
  }

  @Test
  void parallelAndMapWithContextAndConcurrency() {
    LocalExecution e =
        run(
            "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':["
                + "{'StartAt':'A','States':{'A':{'Type':'Pass','Result':1,'End':true}}},"
                + "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items',"
                + "'MaxConcurrency':1,"
                + "'ItemSelector':{'i.$':'$$.Map.Item.Index','v.$':'$$.Map.Item.Value'},"
                + "'ItemProcessor':{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':10,"
                + "'End':true}}},'End':true}}}],'End':true}}}",
            "{'items':['a','b','c']}");
    assertThat(output(e).toString())
        .isEqualTo(q("[1,[{'i':0,'v':'a'},{'i':1,'v':'b'},{'i':2,'v':'c'}]]"));
    // MaxConcurrency 1: three waits of 10 s one after the other.
    assertThat(local.aws.clock().instant()).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
  }

  @Test
  void mapFailureFailsTheMapAndDistributedMapToleratesFailures() {
    String inline =
        "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'StartAt':'C','States':{"
            + "'C':{'Type':'Choice','Choices':[{'Variable':'$','NumericGreaterThan':2,"
            + "'Next':'F'}],'Default':'S'},'F':{'Type':'Fail','Error':'Big','Cause':'too big'},"
            + "'S':{'Type':'Succeed'}}},%s'End':true}}}";
    assertThat(run(String.format(inline, ""), "[1,2,3]").error()).contains("Big");
    String distributed =
        "{'StartAt':'M','States':{'M':{'Type':'Map','ToleratedFailureCount':1,"
            + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
            + "'StartAt':'C','States':{"
            + "'C':{'Type':'Choice','Choices':[{'Variable':'$','NumericGreaterThan':2,"
            + "'Next':'F'}],'Default':'S'},'F':{'Type':'Fail','Error':'Big','Cause':'too big'},"
            + "'S':{'Type':'Succeed'}}},'End':true}}}";
    LocalExecution ok = run(distributed, "[1,2,3]");
    assertThat(ok.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    LocalExecution over = run(distributed, "[3,4]");
    assertThat(over.error()).contains("States.ExceedToleratedFailureThreshold");
  }

  @Test
  void itemReaderFromS3IsReportedUnsupported() {
    LocalExecution e =
        run(
            "{'StartAt':'M','States':{'M':{'Type':'Map','ItemReader':{"
                + "'Resource':'arn:aws:states:::s3:getObject','Parameters':{'Bucket':'b','Key':'k'}},"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED',"
                + "'ExecutionType':'STANDARD'},'StartAt':'S','States':{'S':{'Type':'Succeed'}}},"
                + "'End':true}}}",
            "{}");
    assertThat(e.error()).contains("States.Runtime");
    assertThat(e.cause().orElseThrow()).contains("ItemReader").contains("not read items from S3");
  }

  @Test
  void intrinsicsEvaluate() {
    com.fasterxml.jackson.databind.node.ObjectNode params = LocalRuns.JSON.createObjectNode();
    params.put("f.$", "States.Format('{} and {}', $.a, $.n)");
    params.put("j.$", "States.StringToJson($.text)");
    params.put("s.$", "States.JsonToString($.o)");
    params.put("arr.$", "States.Array(1, $.a, true)");
    params.put("part.$", "States.ArrayPartition($.list, 2)");
    params.put("has.$", "States.ArrayContains($.list, 3)");
    params.put("range.$", "States.ArrayRange(1, 9, 4)");
    params.put("item.$", "States.ArrayGetItem($.list, 1)");
    params.put("len.$", "States.ArrayLength($.list)");
    params.put("uniq.$", "States.ArrayUnique($.dups)");
    params.put("b64.$", "States.Base64Encode('hi')");
    params.put("raw.$", "States.Base64Decode('aGk=')");
    params.put("md5.$", "States.Hash('abc', 'MD5')");
    params.put("merged.$", "States.JsonMerge($.o, $.p, false)");
    params.put("rnd.$", "States.MathRandom(1, 2)");
    params.put("sum.$", "States.MathAdd($.n, -2)");
    params.put("split.$", "States.StringSplit('a,b,,c', ',')");
    params.put("uuid.$", "States.UUID()");
    com.fasterxml.jackson.databind.node.ObjectNode def = LocalRuns.JSON.createObjectNode();
    def.put("StartAt", "P");
    def.putObject("States")
        .putObject("P")
        .put("Type", "Pass")
        .put("End", true)
        .set("Parameters", params);
    LocalExecution e =
        local.run(
            def.toString(),
            q(
                "{'a':'A','n':5,'o':{'k':1},'p':{'k':2,'z':3},'list':[1,2,3],'dups':[1,1,2],"
                    + "'text':'{\\'x\\':1}'}"));
    assertThat(e.status()).as(e.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode o = output(e);
    assertThat(o.get("f").asText()).isEqualTo("A and 5");
    assertThat(o.get("j").toString()).isEqualTo(q("{'x':1}"));
    assertThat(o.get("s").asText()).isEqualTo(q("{'k':1}"));
    assertThat(o.get("arr").toString()).isEqualTo(q("[1,'A',true]"));
    assertThat(o.get("part").toString()).isEqualTo("[[1,2],[3]]");
    assertThat(o.get("has").asBoolean()).isTrue();
    assertThat(o.get("range").toString()).isEqualTo("[1,5,9]");
    assertThat(o.get("item").asInt()).isEqualTo(2);
    assertThat(o.get("len").asInt()).isEqualTo(3);
    assertThat(o.get("uniq").toString()).isEqualTo("[1,2]");
    assertThat(o.get("b64").asText()).isEqualTo("aGk=");
    assertThat(o.get("raw").asText()).isEqualTo("hi");
    assertThat(o.get("md5").asText()).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    assertThat(o.get("merged").toString()).isEqualTo(q("{'k':2,'z':3}"));
    assertThat(o.get("rnd").asInt()).isEqualTo(1);
    assertThat(o.get("sum").asInt()).isEqualTo(3);
    assertThat(o.get("split").toString()).isEqualTo(q("['a','b','c']"));
    assertThat(o.get("uuid").asText()).matches("[0-9a-f-]{36}");
  }

  @Test
  void variablesAreAssignedAndScoped() {
    LocalExecution e =
        run(
            "{'StartAt':'A','States':{'A':{'Type':'Pass','Result':{'v':7},"
                + "'Assign':{'x.$':'$.v','y':'lit'},'Next':'B'},"
                + "'B':{'Type':'Parallel','Branches':[{'StartAt':'I','States':{'I':{'Type':'Pass',"
                + "'Assign':{'x':99},'Parameters':{'outer.$':'$x'},'Next':'J'},"
                + "'J':{'Type':'Pass','Parameters':{'inner.$':'$x'},'End':true}}}],'Next':'C'},"
                + "'C':{'Type':'Pass','Parameters':{'x.$':'$x','y.$':'$y','b.$':'$[0]'},"
                + "'End':true}}}",
            "{}");
    assertThat(output(e).toString()).isEqualTo(q("{'x':7,'y':'lit','b':{'inner':99}}"));
  }

  @Test
  void jsonataStatesArgumentsOutputAssignAndCondition() {
    LocalExecution e =
        run(
            "{'QueryLanguage':'JSONata','StartAt':'A','States':{"
                + "'A':{'Type':'Pass','Output':{'n':'{% $states.input.n * 2 %}'},"
                + "'Assign':{'total':'{% $states.input.n + 1 %}'},'Next':'C'},"
                + "'C':{'Type':'Choice','Choices':[{'Condition':'{% $states.input.n > 5 %}',"
                + "'Next':'Big'}],'Default':'Small'},"
                + "'Big':{'Type':'Map','Items':'{% [1,2,3] %}',"
                + "'ItemSelector':{'i':'{% $states.context.Map.Item.Index %}',"
                + "'v':'{% $states.context.Map.Item.Value %}'},"
                + "'ItemProcessor':{'StartAt':'X','States':{'X':{'Type':'Pass',"
                + "'Output':'{% $states.input.v * 10 + $total %}','End':true}}},"
                + "'Output':{'sum':'{% $sum($states.result) %}','t':'{% $total %}'},'End':true},"
                + "'Small':{'Type':'Fail','Error':'{% \\'Too\\' & \\'Small\\' %}',"
                + "'Cause':'{% $string($states.input.n) %}'}}}",
            "{'n':4}");
    assertThat(output(e).toString()).isEqualTo(q("{'sum':75,'t':5}"));
    LocalExecution small =
        run(
            "{'QueryLanguage':'JSONata','StartAt':'Small','States':{"
                + "'Small':{'Type':'Fail','Error':'{% \\'Too\\' & \\'Small\\' %}',"
                + "'Cause':'{% $string($states.input.n) %}'}}}",
            "{'n':1}");
    assertThat(small.error()).contains("TooSmall");
    assertThat(small.cause()).contains("1");
  }

  @Test
  void jsonataCatchOutputSeesErrorOutput() {
    LocalExecution e =
        run(
            "{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Parallel',"
                + "'Branches':[{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'Oops',"
                + "'Cause':'why'}}}],'Catch':[{'ErrorEquals':['Oops'],"
                + "'Output':{'e':'{% $states.errorOutput.Error %}','in':'{% $states.input %}'},"
                + "'Next':'S'}],'End':true},'S':{'Type':'Succeed'}}}",
            "{'a':1}");
    assertThat(output(e).toString()).isEqualTo(q("{'e':'Oops','in':{'a':1}}"));
  }

  @Test
  void historyHasStepFunctionsShapes() {
    LocalExecution e =
        run(
            "{'StartAt':'P','States':{'P':{'Type':'Pass','Next':'S'},'S':{'Type':'Succeed'}}}",
            "{'a':1}");
    assertThat(e.history())
        .extracting(HistoryEvent::type)
        .containsExactly(
            HistoryEventType.EXECUTION_STARTED,
            HistoryEventType.PASS_STATE_ENTERED,
            HistoryEventType.PASS_STATE_EXITED,
            HistoryEventType.SUCCEED_STATE_ENTERED,
            HistoryEventType.SUCCEED_STATE_EXITED,
            HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(e.history().get(1).stateEnteredEventDetails().name()).isEqualTo("P");
    assertThat(e.history().get(5).executionSucceededEventDetails().output())
        .isEqualTo(q("{'a':1}"));
  }

  @Test
  void executionTimeoutSecondsTimesOut() {
    LocalExecution e =
        run(
            "{'TimeoutSeconds':60,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,"
                + "'End':true}}}",
            "{}");
    assertThat(e.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(e.error()).contains("States.Timeout");
  }

  @Test
  void awsSdkTaskCallsTheClientAndNamesServiceErrors() {
    local.aws.ssm().putParameter(r -> r.name("/p").value("v").type("String"));
    LocalExecution ok =
        run(
            "{'StartAt':'G','States':{'G':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::aws-sdk:ssm:getParameter',"
                + "'Parameters':{'Name':'/p'},'ResultSelector':{'v.$':'$.Parameter.Value'},"
                + "'End':true}}}",
            "{}");
    assertThat(output(ok).toString()).isEqualTo(q("{'v':'v'}"));
    LocalExecution missing =
        run(
            "{'StartAt':'G','States':{'G':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::aws-sdk:emr:describeCluster',"
                + "'Parameters':{'ClusterId':'j-NOPE'},'End':true}}}",
            "{}");
    assertThat(missing.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(missing.error().orElseThrow()).startsWith("Emr.").endsWith("Exception");
  }
}

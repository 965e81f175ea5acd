package io.emrlaunch.stepfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.stepfunctions.local.AwsLocalStepFunctions.Outcome;
import io.emrlaunch.stepfunctions.local.JsonPathCaseGenerator.GenCase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Differential test: ≥ 200 seeded JSONPath cases (Pass data flow, Choice rules, Map, intrinsic
 * functions, failures) run in the local engine and in the pinned npm {@code
 * aws-local-stepfunctions} 3.0.0; status, error and output must agree (and the cause, for Fail
 * states). Known differences that are the other engine's bugs are in {@link #KNOWN_DIFFERENCES},
 * each with the AWS documentation that decides it; an entry that no case hits fails the test, so
 * the list cannot go stale.
 */
class AwsLocalStepFunctionsDifferentialTest {
  static final long SEED = 20261203L;
  static final int CASES = 250;

  /**
   * A documented difference where aws-local-stepfunctions, not the local engine, is wrong: it
   * explains a case that carries {@code tag} (null: any case) and whose difference report contains
   * {@code signature}.
   *
   * @param documentation the AWS documentation that decides it (page and what it says)
   */
  record KnownDifference(String name, String tag, String signature, String documentation) {
    boolean explains(GenCase c, String diff) {
      return (tag == null || c.tags().contains(tag)) && diff.contains(signature);
    }
  }

  static final List<KnownDifference> KNOWN_DIFFERENCES =
      List.of(
          new KnownDifference(
              "ResultPath \"$\" adds a field named \"$\"",
              null,
              "\"$\":",
              "docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html, \"Use"
                  + " ResultPath to replace input with the task result\": with \"ResultPath\":"
                  + " \"$\" (also the default) the state's whole input is replaced by the result;"
                  + " the page's example outputs the bare result \"Hello, Step Functions!\"."),
          new KnownDifference(
              "ResultPath into a string or number overwrites it",
              "errors:ResultPathOntoScalar",
              "error=States.ResultPathMatchFailure",
              "docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html, error"
                  + " names: States.ResultPathMatchFailure is raised when a state's ResultPath"
                  + " cannot be applied to the input the state received (here $.a.b where $.a is"
                  + " a number)."),
          new KnownDifference(
              "a Fail state without Error/Cause gets invented ones",
              "errors:Fail",
              "Fail",
              "docs.aws.amazon.com/step-functions/latest/dg/state-fail.html: Error and Cause are"
                  + " both optional fields the author provides; the page gives no default error"
                  + " name (aws-local-stepfunctions reports \"FailStateError\" and the cause"
                  + " \"Execution failed because of a Fail state\")."),
          new KnownDifference(
              "States.StringSplit treats the delimiter as one string",
              "intrinsic:States.StringSplit",
              "output:",
              "docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html,"
                  + " States.StringSplit: the second argument is the delimiting character(s); the"
                  + " page's example splits \"This.is+a,test=string\" with \".+,=\" into"
                  + " [\"This\",\"is\",\"a\",\"test\",\"string\"], i.e. every character of"
                  + " the splitter is a delimiter."),
          new KnownDifference(
              "type tests with the value false never match",
              "choice:typeTest=false",
              "output:",
              "docs.aws.amazon.com/step-functions/latest/dg/state-choice.html (and"
                  + " states-language.net, Choice Rules): IsNull, IsPresent, IsNumeric,"
                  + " IsString, IsBoolean and IsTimestamp take a Boolean; with false the rule"
                  + " matches when the value is not of that kind (e.g. \"IsNull\": false"
                  + " matches a non-null value)."),
          new KnownDifference(
              "$$.State.Name is missing from the context object",
              null,
              "Path expression '$$.State.Name' does not point to a value",
              "docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html:"
                  + " the Context object has a State node with EnteredTime, Name and"
                  + " RetryCount, and Parameters may read it with $$."),
          new KnownDifference(
              "a Map item that is 0 is treated as missing",
              "kind:map",
              "Path expression '$' does not point to a value",
              "docs.aws.amazon.com/step-functions/latest/dg/state-map.html: each iteration"
                  + " receives one item of the ItemsPath array as its input, and \"$\" selects"
                  + " the whole input (input-output-inputpath-params.html); 0 is a JSON value"
                  + " like any other."));

  @Test
  void jsonPathSemanticsAgreeWithAwsLocalStepFunctions() throws Exception {
    AwsLocalStepFunctions other = AwsLocalStepFunctions.require();
    List<GenCase> cases = new JsonPathCaseGenerator(SEED).generate(CASES);
    Map<String, Outcome> theirs = other.run(cases.stream().map(GenCase::toCase).toList());

    LocalRuns local = new LocalRuns();
    List<String> unexplained = new ArrayList<>();
    List<String> explained = new ArrayList<>();
    Map<String, Integer> hits = new java.util.TreeMap<>();
    for (GenCase c : cases) {
      LocalExecution ours = local.run(c.definition().toString(), c.input().toString());
      Outcome t = theirs.get(c.id());
      String diff = difference(c, ours, t);
      if (diff == null) {
        continue;
      }
      String report =
          c.id()
              + " "
              + c.tags()
              + ": "
              + diff
              + "\n    definition: "
              + c.definition()
              + "\n    input: "
              + c.input();
      List<KnownDifference> why =
          KNOWN_DIFFERENCES.stream().filter(k -> k.explains(c, diff)).toList();
      if (!why.isEmpty()) {
        why.forEach(k -> hits.merge(k.name(), 1, Integer::sum));
        explained.add(report);
      } else {
        unexplained.add(report);
      }
    }
    System.out.println(
        "differential: "
            + cases.size()
            + " cases, "
            + (cases.size() - explained.size() - unexplained.size())
            + " agree, "
            + explained.size()
            + " known differences "
            + hits);
    assertThat(unexplained).as(String.join("\n", unexplained)).isEmpty();
    assertThat(hits.keySet())
        .as("every known difference is still observed (else remove it from the list)")
        .containsExactlyInAnyOrderElementsOf(
            KNOWN_DIFFERENCES.stream().map(KnownDifference::name).toList());
    assertThat(cases.size() - explained.size())
        .as("most cases must agree exactly")
        .isGreaterThanOrEqualTo(200);
  }

  /** Null when the two engines agree, else what differs. */
  static String difference(GenCase c, LocalExecution ours, Outcome theirs) {
    String ourStatus = ours.status().toString();
    if (theirs.status().equals("INVALID")) {
      boolean weRefused =
          ourStatus.equals("FAILED")
              && ours.cause().orElse("").contains("Invalid state machine definition");
      return weRefused ? null : "they refused the definition (" + theirs.cause() + "), we " + ours;
    }
    if (!ourStatus.equals(theirs.status())) {
      return "status: ours " + ours + " / theirs " + theirs;
    }
    if (ourStatus.equals("SUCCEEDED")) {
      JsonNode o = JsonPathCaseGenerator.parse(ours.output().orElse("null"));
      return sameJson(o, theirs.output())
          ? null
          : "output: ours " + o + " / theirs " + theirs.output();
    }
    if (!Objects.equals(ours.error().orElse(null), theirs.error())) {
      return "error: ours "
          + ours.error().orElse(null)
          + " ("
          + ours.cause().orElse(null)
          + ") / theirs "
          + theirs.error()
          + " ("
          + theirs.cause()
          + ")";
    }
    if (c.tags().contains("errors:Fail")
        && !Objects.equals(ours.cause().orElse(null), theirs.cause())) {
      return "cause: ours " + ours.cause().orElse(null) + " / theirs " + theirs.cause();
    }
    return null;
  }

  /** JSON equality with numbers compared by value (1 == 1.0). */
  static boolean sameJson(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b || (a != null && a.isNull()) || (b != null && b.isNull());
    }
    if (a.isNumber() && b.isNumber()) {
      return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!b.has(k) || !sameJson(a.get(k), b.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!sameJson(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}

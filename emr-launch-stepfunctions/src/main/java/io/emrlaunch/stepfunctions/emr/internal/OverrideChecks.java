package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.node.DecimalNode;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.stepfunctions.asl.ChoiceBuilder;
import io.emrlaunch.stepfunctions.asl.ComparisonOperator;
import io.emrlaunch.stepfunctions.asl.Condition;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The states that check and apply runtime overrides against the allow-list, the work of
 * aws-emr-launch's {@code override_cluster_configs} Lambda. For each allowed name present in the
 * input: the type, the bounds (a bound of 0 counts) and the allowed values are checked and the
 * value is written to its request path. Names outside the allow-list are found by counting: the
 * number of input overrides must equal the number applied.
 *
 * <p>The count reads the overrides with a wildcard ({@code .*}) after merging in a {@linkplain
 * #SENTINEL sentinel} key, so the wildcard always matches at least two values. Step Functions
 * returns an array for any wildcard path, but emulators built on jsonpath-ng (moto, LocalStack)
 * return a lone match as a bare value, on which {@code States.ArrayLength} raised {@code
 * States.Runtime}: with a single override, valid or not, the launch failed there. Overrides that
 * are not a JSON object are refused first, with the value in the cause.
 */
final class OverrideChecks {
  static final String OVERRIDES = PreparationBranch.WORK + ".Overrides";
  private static final String COUNT = PreparationBranch.WORK + ".Count";
  private static final String GIVEN = PreparationBranch.WORK + ".Given";

  /**
   * The key merged into the overrides before counting them. Longer than the 40 characters an
   * override name may have, so never an allowed name; an input that sends it is refused.
   */
  static final String SENTINEL = "EmrLaunchOverrideCountSentinelNotAnOverrideName";

  private OverrideChecks() {}

  /**
   * Adds the override states.
   *
   * @return the name of the first state
   */
  static String add(Graph g, List<OverrideTarget> targets, String next) {
    String first = "Overrides Given?";
    g.add(
        Flow.pass("Read Overrides")
            .parameters(
                PreparationBranch.object().put("Text.$", "States.JsonToString(" + OVERRIDES + ")"))
            .resultPath(GIVEN)
            .next(first));
    g.add(
        Flow.choice(first)
            .when(
                Condition.or(
                    Condition.stringEquals(GIVEN + ".Text", "{}"),
                    Condition.stringEquals(GIVEN + ".Text", "null")),
                Flow.goTo(next))
            .when(
                Condition.or(
                    Condition.isString(OVERRIDES, true),
                    Condition.isNumeric(OVERRIDES, true),
                    Condition.isBoolean(OVERRIDES, true),
                    Condition.stringEquals(GIVEN + ".Text", "[]"),
                    Condition.isPresent(OVERRIDES + "[0]", true)),
                Flow.goTo("Overrides Not An Object"))
            .when(
                Condition.isPresent(OVERRIDES + "." + SENTINEL, true),
                Flow.goTo("Unknown Override"))
            .otherwise(Flow.goTo(checkName(targets, 0))));
    g.add(
        Flow.fail("Overrides Not An Object")
            .error(LaunchFunctionMachine.INVALID_OVERRIDE)
            .causePath(
                Intrinsic.parse(
                    "States.Format('ClusterConfigurationOverrides must be an object of override"
                        + " names to values (was {})', "
                        + GIVEN
                        + ".Text)")));
    for (int i = 0; i < targets.size(); i++) {
      addOne(g, targets.get(i), checkName(targets, i + 1));
    }
    String allowed =
        targets.isEmpty()
            ? "none"
            : targets.stream().map(t -> t.override().name()).collect(Collectors.joining(", "));
    g.add(
        Flow.pass("Count Overrides")
            .parameters(
                PreparationBranch.object()
                    .put("Overrides.$", OVERRIDES)
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                        "Sentinel", PreparationBranch.object().put(SENTINEL, true)))
            .resultPath(GIVEN)
            .next("Merge Sentinel"));
    g.add(
        Flow.pass("Merge Sentinel")
            .parameters(
                PreparationBranch.object()
                    .put(
                        "Merged.$",
                        "States.JsonMerge(" + GIVEN + ".Overrides, " + GIVEN + ".Sentinel, false)"))
            .resultPath(GIVEN)
            .next("List Overrides"));
    g.add(
        Flow.pass("List Overrides")
            .parameters(PreparationBranch.object().put("Values.$", GIVEN + ".Merged.*"))
            .resultPath(GIVEN)
            .next("Measure Overrides"));
    g.add(
        Flow.pass("Measure Overrides")
            .parameters(
                PreparationBranch.object()
                    .put("Count.$", "States.MathAdd(States.ArrayLength(" + GIVEN + ".Values), -1)"))
            .resultPath(GIVEN)
            .next("All Overrides Allowed?"));
    g.add(
        Flow.choice("All Overrides Allowed?")
            .when(
                Condition.comparePaths(
                    GIVEN + ".Count", ComparisonOperator.NUMERIC_EQUALS_PATH, COUNT + ".Applied"),
                Flow.goTo(next))
            .otherwise(Flow.goTo("Unknown Override")));
    g.add(
        Flow.fail("Unknown Override")
            .error(LaunchFunctionMachine.INVALID_OVERRIDE)
            .causePath(
                Intrinsic.parse(
                    "States.Format('ClusterConfigurationOverrides {} names an override that is not"
                        + " allowed (allowed: "
                        + allowed
                        + ")', States.JsonToString("
                        + OVERRIDES
                        + "))")));
    return "Read Overrides";
  }

  private static String checkName(List<OverrideTarget> targets, int i) {
    return i < targets.size()
        ? "Override " + targets.get(i).override().name() + "?"
        : "Count Overrides";
  }

  private static void addOne(Graph g, OverrideTarget t, String next) {
    AllowedOverride o = t.override();
    String name = o.name();
    String value = OVERRIDES + "." + name;
    String cluster = PreparationBranch.CLUSTER;
    String apply = "Apply " + name;
    g.add(
        Flow.choice("Override " + name + "?")
            .when(Condition.isPresent(value, true), Flow.goTo("Check " + name))
            .otherwise(Flow.goTo(next)));
    ChoiceBuilder check = Flow.choice("Check " + name);
    check.when(
        Condition.not(typeTest(o.type(), value)),
        invalid(g, name + " Type", name, typeText(o.type())));
    if (o.type() != OverrideType.STRING && o.type() != OverrideType.BOOLEAN) {
      o.minimum()
          .ifPresent(
              min ->
                  check.when(
                      Condition.compare(value, ComparisonOperator.NUMERIC_LESS_THAN, number(min)),
                      invalid(
                          g,
                          name + " Minimum",
                          name,
                          "is less than the Minimum allowed (" + plain(min) + ")")));
      o.maximum()
          .ifPresent(
              max ->
                  check.when(
                      Condition.compare(
                          value, ComparisonOperator.NUMERIC_GREATER_THAN, number(max)),
                      invalid(
                          g,
                          name + " Maximum",
                          name,
                          "is greater than the Maximum allowed (" + plain(max) + ")")));
    }
    if (!o.allowedValues().isEmpty()) {
      List<Condition> any =
          o.allowedValues().stream().map(v -> equalsValue(o.type(), value, v)).toList();
      Condition oneOf = any.size() == 1 ? any.get(0) : Condition.or(any.toArray(Condition[]::new));
      check.when(
          Condition.not(oneOf),
          invalid(g, name + " Value", name, "is not one of " + o.allowedValues()));
    }
    if (t.nested()) {
      check.when(
          Condition.isPresent(t.parentAt(cluster), false),
          invalid(
              g,
              name + " Path",
              name,
              "targets " + t.requestPath() + ", which is not in the cluster configuration"));
    }
    String afterType = o.type() == OverrideType.INTEGER ? "Format " + name : apply;
    g.add(check.otherwise(Flow.goTo(afterType)));
    if (o.type() == OverrideType.INTEGER) {
      // ASL cannot test for a whole number directly; its text has no fraction digits.
      g.add(
          Flow.pass("Format " + name)
              .parameters(
                  PreparationBranch.object().put("Text.$", "States.Format('{}', " + value + ")"))
              .resultPath(PreparationBranch.WORK + ".ValueText")
              .next("Whole " + name + "?"));
      String text = PreparationBranch.WORK + ".ValueText.Text";
      g.add(
          Flow.choice("Whole " + name + "?")
              .when(
                  Condition.and(
                      Condition.stringMatches(text, "*.*"),
                      Condition.not(Condition.stringMatches(text, "*.0"))),
                  Flow.goTo(name + " Type"))
              .otherwise(Flow.goTo(apply)));
    }
    g.add(Flow.pass(apply).inputPath(value).resultPath(t.at(cluster)).next("Count " + name));
    g.add(
        Flow.pass("Count " + name)
            .parameters(
                PreparationBranch.object()
                    .put("Applied.$", "States.MathAdd(" + COUNT + ".Applied, 1)"))
            .resultPath(COUNT)
            .next(next));
  }

  /** A Fail state for a check, defined once; returns a reference to it. */
  private static io.emrlaunch.stepfunctions.asl.Step invalid(
      Graph g, String stateName, String override, String message) {
    g.add(
        Flow.fail(stateName)
            .error(LaunchFunctionMachine.INVALID_OVERRIDE)
            .cause("Override \"" + override + "\" " + message));
    return Flow.goTo(stateName);
  }

  private static Condition typeTest(OverrideType type, String path) {
    return switch (type) {
      case STRING -> Condition.isString(path, true);
      case BOOLEAN -> Condition.isBoolean(path, true);
      case INTEGER, NUMBER -> Condition.isNumeric(path, true);
    };
  }

  private static String typeText(OverrideType type) {
    return switch (type) {
      case STRING -> "must be a string";
      case BOOLEAN -> "must be true or false";
      case INTEGER -> "must be a whole number";
      case NUMBER -> "must be a number";
    };
  }

  private static Condition equalsValue(OverrideType type, String path, String allowed) {
    return switch (type) {
      case STRING -> Condition.stringEquals(path, allowed);
      case BOOLEAN -> Condition.booleanEquals(path, Boolean.parseBoolean(allowed));
      case INTEGER, NUMBER ->
          Condition.compare(
              path,
              ComparisonOperator.NUMERIC_EQUALS,
              DecimalNode.valueOf(new BigDecimal(allowed)));
    };
  }

  private static DecimalNode number(double d) {
    return DecimalNode.valueOf(new BigDecimal(plain(d)));
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? Long.toString((long) d)
        : BigDecimal.valueOf(d).toPlainString();
  }
}

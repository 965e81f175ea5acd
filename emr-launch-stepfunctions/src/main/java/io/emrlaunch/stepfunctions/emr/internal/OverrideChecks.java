package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 */
final class OverrideChecks {
  static final String OVERRIDES = PreparationBranch.WORK + ".Overrides";
  private static final String GIVEN = PreparationBranch.WORK + ".Given";
  private static final String TEXTS = GIVEN + ".Texts";

  static final String NOT_AN_OBJECT =
      "ClusterConfigurationOverrides must be an object of {\"<override name>\": value}";

  private OverrideChecks() {}

  /** The allow-list as {@code {name: null}}, under which the input's overrides are padded. */
  static ObjectNode allowedNulls(List<OverrideTarget> targets) {
    ObjectNode names = PreparationBranch.object();
    targets.forEach(t -> names.putNull(t.override().name()));
    return names;
  }

  /** The allow-list as {@code {name: true}}, for the name check (in the Prepare state). */
  static ObjectNode allowedNames(List<OverrideTarget> targets) {
    ObjectNode names = PreparationBranch.object();
    targets.forEach(t -> names.put(t.override().name(), true));
    return names;
  }

  /**
   * Adds the override states: the input must be an object, every name in it must be allowed, then
   * each allowed name present is checked and applied.
   *
   * @return the name of the first state
   */
  static String add(Graph g, List<OverrideTarget> targets, String next) {
    String allowed = PreparationBranch.WORK + ".Allowed";
    g.add(
        Flow.choice("Overrides Given?")
            .when(Condition.isNull(OVERRIDES, true), Flow.goTo(next))
            .when(
                Condition.or(
                    Condition.isString(OVERRIDES, true),
                    Condition.isNumeric(OVERRIDES, true),
                    Condition.isBoolean(OVERRIDES, true),
                    Condition.isPresent(OVERRIDES + "[0]", true)),
                Flow.goTo("Overrides Not An Object"))
            .otherwise(Flow.goTo("Read Override Names")));
    g.add(
        Flow.fail("Overrides Not An Object")
            .error(LaunchFunctionMachine.INVALID_OVERRIDE)
            .cause(NOT_AN_OBJECT));
    // Merging the input's names under the allow-list adds exactly the names it does not allow;
    // both texts come from the same interpreter, so they are equal when there are none.
    List<OverrideTarget> whole =
        targets.stream().filter(t -> t.override().type() == OverrideType.INTEGER).toList();
    ObjectNode read =
        PreparationBranch.object()
            .put("Names.$", "States.JsonMerge(" + OVERRIDES + ", " + allowed + ", false)");
    if (!whole.isEmpty()) {
      // every allowed name present (null when not given), so that its text can be written
      read.put(
          "Padded.$",
          "States.JsonMerge("
              + PreparationBranch.WORK
              + ".AllowedNulls, "
              + OVERRIDES
              + ", false)");
    }
    g.add(
        Flow.pass("Read Override Names")
            .parameters(read)
            .resultPath(GIVEN)
            .next("Compare Override Names"));
    ObjectNode compare =
        PreparationBranch.object()
            .put(
                "Given.$",
                "States.JsonToString(States.JsonMerge("
                    + allowed
                    + ", "
                    + GIVEN
                    + ".Names, false))")
            .put("Allowed.$", "States.JsonToString(" + allowed + ")");
    if (!whole.isEmpty()) {
      ObjectNode texts = compare.putObject("Texts");
      whole.forEach(
          t ->
              texts.put(
                  t.override().name() + ".$",
                  "States.JsonToString(" + GIVEN + ".Padded." + t.override().name() + ")"));
    }
    g.add(
        Flow.pass("Compare Override Names")
            .parameters(compare)
            .resultPath(GIVEN)
            .next("All Overrides Allowed?"));
    String names =
        targets.isEmpty()
            ? "none"
            : targets.stream().map(t -> t.override().name()).collect(Collectors.joining(", "));
    g.add(
        Flow.choice("All Overrides Allowed?")
            .when(
                Condition.comparePaths(
                    GIVEN + ".Given", ComparisonOperator.STRING_EQUALS_PATH, GIVEN + ".Allowed"),
                Flow.goTo(checkName(targets, 0, next)))
            .otherwise(Flow.goTo("Unknown Override")));
    g.add(
        Flow.fail("Unknown Override")
            .error(LaunchFunctionMachine.INVALID_OVERRIDE)
            .causePath(
                Intrinsic.parse(
                    "States.Format('ClusterConfigurationOverrides {} names an override that is not"
                        + " allowed (allowed: "
                        + names
                        + ")', States.JsonToString("
                        + OVERRIDES
                        + "))")));
    for (int i = 0; i < targets.size(); i++) {
      addOne(g, targets.get(i), checkName(targets, i + 1, next));
    }
    return "Overrides Given?";
  }

  private static String checkName(List<OverrideTarget> targets, int i, String next) {
    return i < targets.size() ? "Check " + targets.get(i).override().name() : next;
  }

  private static void addOne(Graph g, OverrideTarget t, String next) {
    AllowedOverride o = t.override();
    String name = o.name();
    String value = OVERRIDES + "." + name;
    String cluster = PreparationBranch.CLUSTER;
    String apply = "Apply " + name;
    // one Choice per override: absent goes on, then the first failed check fails
    ChoiceBuilder check = Flow.choice("Check " + name);
    check.when(Condition.isPresent(value, false), Flow.goTo(next));
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
    t.mustExist(cluster)
        .ifPresent(
            existing ->
                check.when(
                    Condition.isPresent(existing, false),
                    invalid(
                        g,
                        name + " Path",
                        name,
                        "targets "
                            + t.requestPath()
                            + ", which is not in the cluster configuration")));
    if (o.type() == OverrideType.INTEGER) {
      // ASL cannot test for a whole number directly; its text (written by Compare Override
      // Names for every whole-number override) has no fraction digits.
      String text = TEXTS + "." + name;
      check.when(
          Condition.and(
              Condition.stringMatches(text, "*.*"),
              Condition.not(Condition.stringMatches(text, "*.0"))),
          Flow.goTo(name + " Type"));
    }
    g.add(check.otherwise(Flow.goTo(apply)));
    g.add(Flow.pass(apply).inputPath(value).resultPath(t.at(cluster)).next(next));
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

  static String typeText(OverrideType type) {
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

  static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? Long.toString((long) d)
        : BigDecimal.valueOf(d).toPlainString();
  }
}

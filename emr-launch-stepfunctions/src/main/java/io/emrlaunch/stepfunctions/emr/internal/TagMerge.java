package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.stepfunctions.asl.ComparisonOperator;
import io.emrlaunch.stepfunctions.asl.Condition;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import java.util.Map;

/**
 * Merges the cluster's tags as {@code RunJobFlowRequests} does: the execution input's {@code Tags}
 * win over the launch function's, which win over the configuration's, and within one list the last
 * entry of a key wins. JSONPath ASL has no way to build an object with computed keys, to
 * concatenate arrays or to filter one without wildcards (whose empty results interpreters treat
 * differently), so a loop walks the three lists, highest precedence first and each from its end,
 * keeps a tag only if its key was not kept yet, and appends it to a JSON text that is parsed once
 * at the end.
 */
final class TagMerge {
  private static final String LOOP = PreparationBranch.WORK + ".TagLoop";
  private static final String KEPT = PreparationBranch.WORK + ".Kept";
  static final int MAX_TAGS = 50;
  static final String NOT_A_LIST_CAUSE =
      "Tags must be a list of {\"Key\": ..., \"Value\": ...} objects";
  static final String TOO_MANY_CAUSE =
      "A cluster takes at most " + MAX_TAGS + " tags (configuration, function and input together)";

  private TagMerge() {}

  /** The function's tags as a {@code [{Key, Value}]} list for the Prepare state. */
  static ArrayNode functionTags(Map<String, String> tags) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    tags.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
    return list;
  }

  /** The empty accumulator for the Prepare state. */
  static ObjectNode kept() {
    return PreparationBranch.object().put("KeysText", "").put("TagsText", "").put("Sep", "");
  }

  /**
   * Adds the tag states; expects {@code WORK.Function.Tags} and {@code WORK.Kept}.
   *
   * @return the name of the first state
   */
  static String add(Graph g, String next) {
    String input = PreparationBranch.WORK + ".Input.Tags";
    String configured = PreparationBranch.CLUSTER + ".Tags";
    String fn = PreparationBranch.WORK + ".Function.Tags";
    g.add(
        Flow.choice("Runtime Tags?")
            .when(Condition.isPresent(input, false), Flow.goTo("Function Tags: Start"))
            .when(Condition.isNull(input, true), Flow.goTo("Function Tags: Start"))
            .when(
                Condition.or(
                    Condition.isString(input, true),
                    Condition.isNumeric(input, true),
                    Condition.isBoolean(input, true)),
                Flow.goTo("Tags Not A List"))
            .otherwise(Flow.goTo("Read Runtime Tags")));
    // Objects and lists look alike to Choice rules; their JSON text does not.
    g.add(
        Flow.pass("Read Runtime Tags")
            .parameters(
                PreparationBranch.object().put("Text.$", "States.JsonToString(" + input + ")"))
            .resultPath(LOOP)
            .next("Runtime Tags A List?"));
    g.add(
        Flow.choice("Runtime Tags A List?")
            .when(Condition.stringMatches(LOOP + ".Text", "[*"), Flow.goTo("Runtime Tags: Start"))
            .otherwise(Flow.goTo("Tags Not A List")));
    g.add(
        Flow.fail("Tags Not A List")
            .error(LaunchFunctionMachine.INVALID_INPUT)
            .cause(NOT_A_LIST_CAUSE));
    loop(g, "Runtime Tags", input, "Function Tags: Start");
    loop(g, "Function Tags", fn, "Configured Tags?");
    g.ifSet("Configured Tags?", configured, "Configured Tags: Start", "Tags Merged");
    loop(g, "Configured Tags", configured, "Tags Merged");
    g.add(
        Flow.pass("Tags Merged")
            .parameters(
                PreparationBranch.object()
                    .put(
                        "Tags.$",
                        "States.StringToJson(States.Format('[{}]', " + KEPT + ".TagsText))"))
            .resultPath(PreparationBranch.WORK + ".Merged")
            .next("Count Tags"));
    g.add(
        Flow.pass("Count Tags")
            .parameters(
                PreparationBranch.object()
                    .put(
                        "Count.$",
                        "States.ArrayLength(" + PreparationBranch.WORK + ".Merged.Tags)"))
            .resultPath(PreparationBranch.WORK + ".TagCount")
            .next("Too Many Tags?"));
    g.add(
        Flow.choice("Too Many Tags?")
            .when(
                Condition.compare(
                    PreparationBranch.WORK + ".TagCount.Count",
                    ComparisonOperator.NUMERIC_GREATER_THAN,
                    JsonNodeFactory.instance.numberNode(MAX_TAGS)),
                Flow.goTo("Too Many Tags"))
            .otherwise(Flow.goTo("Set Tags")));
    g.add(
        Flow.fail("Too Many Tags")
            .error(LaunchFunctionMachine.INVALID_INPUT)
            .cause(TOO_MANY_CAUSE));
    g.copy("Set Tags", PreparationBranch.WORK + ".Merged.Tags", configured, next);
    return "Runtime Tags?";
  }

  /** Walks {@code list} from its end, keeping each tag whose key is not kept yet. */
  private static void loop(Graph g, String name, String list, String next) {
    g.add(
        Flow.pass(name + ": Start")
            .parameters(
                PreparationBranch.object()
                    .put("I.$", "States.MathAdd(States.ArrayLength(" + list + "), -1)"))
            .resultPath(LOOP)
            .next(name + ": More?"));
    g.add(
        Flow.choice(name + ": More?")
            .when(
                Condition.compare(
                    LOOP + ".I",
                    ComparisonOperator.NUMERIC_GREATER_THAN_EQUALS,
                    JsonNodeFactory.instance.numberNode(0)),
                Flow.goTo(name + ": Pick"))
            .otherwise(Flow.goTo(next)));
    g.add(
        Flow.pass(name + ": Pick")
            .parameters(
                PreparationBranch.object()
                    .put("I.$", LOOP + ".I")
                    .put("Tag.$", "States.ArrayGetItem(" + list + ", " + LOOP + ".I)"))
            .resultPath(LOOP)
            .next(name + ": Seen"));
    g.add(
        Flow.pass(name + ": Seen")
            .parameters(
                PreparationBranch.object()
                    .put("I.$", LOOP + ".I")
                    .put("Tag.$", LOOP + ".Tag")
                    .put(
                        "Seen.$",
                        "States.ArrayContains(States.StringToJson(States.Format('[{}]', "
                            + KEPT
                            + ".KeysText)), "
                            + LOOP
                            + ".Tag.Key)"))
            .resultPath(LOOP)
            .next(name + ": Keep?"));
    g.add(
        Flow.choice(name + ": Keep?")
            .when(Condition.booleanEquals(LOOP + ".Seen", true), Flow.goTo(name + ": Step"))
            .otherwise(Flow.goTo(name + ": Keep")));
    g.add(
        Flow.pass(name + ": Keep")
            .parameters(
                PreparationBranch.object()
                    .put(
                        "KeysText.$",
                        "States.Format('{}{}{}', "
                            + KEPT
                            + ".KeysText, "
                            + KEPT
                            + ".Sep, States.JsonToString("
                            + LOOP
                            + ".Tag.Key))")
                    .put(
                        "TagsText.$",
                        "States.Format('{}{}{}', "
                            + KEPT
                            + ".TagsText, "
                            + KEPT
                            + ".Sep, States.JsonToString("
                            + LOOP
                            + ".Tag))")
                    .put("Sep", ","))
            .resultPath(KEPT)
            .next(name + ": Step"));
    g.add(
        Flow.pass(name + ": Step")
            .parameters(PreparationBranch.object().put("I.$", "States.MathAdd(" + LOOP + ".I, -1)"))
            .resultPath(LOOP)
            .next(name + ": More?"));
  }
}

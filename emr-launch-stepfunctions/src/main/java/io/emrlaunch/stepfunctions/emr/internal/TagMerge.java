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
    return PreparationBranch.object()
        .put("KeysText", "")
        .put("TagsText", "")
        .put("Sep", "")
        .put("NegCount", 0);
  }

  /**
   * The accumulator after the function's tags when the input has none: the loop would keep each of
   * them (their keys are unique), from the last to the first, so it is written at once.
   */
  static ObjectNode keptFunctionTags(Map<String, String> tags) {
    java.util.List<Map.Entry<String, String>> entries = new java.util.ArrayList<>(tags.entrySet());
    java.util.Collections.reverse(entries);
    StringBuilder keys = new StringBuilder();
    StringBuilder texts = new StringBuilder();
    for (Map.Entry<String, String> e : entries) {
      String sep = keys.length() == 0 ? "" : ",";
      keys.append(sep).append(JsonataRequest.str(e.getKey()));
      texts
          .append(sep)
          .append(PreparationBranch.object().put("Key", e.getKey()).put("Value", e.getValue()));
    }
    return PreparationBranch.object()
        .put("KeysText", keys.toString())
        .put("TagsText", texts.toString())
        .put("Sep", entries.isEmpty() ? "" : ",")
        .put("NegCount", -entries.size());
  }

  /**
   * Adds the tag states; expects {@code WORK.Function.Tags} and {@code WORK.Kept}. The merged list
   * goes to {@code WORK.Merged.Tags}, which the request completion merges over the request.
   *
   * @return the name of the first state
   */
  static String add(Graph g, Map<String, String> functionTags, String next) {
    String input = PreparationBranch.WORK + ".Input.Tags";
    String configured = PreparationBranch.CLUSTER + ".Tags";
    String fn = PreparationBranch.WORK + ".Function.Tags";
    String noRuntimeTags = functionTags.isEmpty() ? "Configured Tags?" : "Function Tags Only";
    g.add(
        Flow.choice("Runtime Tags?")
            .when(Condition.isPresent(input, false), Flow.goTo(noRuntimeTags))
            .when(Condition.isNull(input, true), Flow.goTo(noRuntimeTags))
            .when(
                Condition.or(
                    Condition.isString(input, true),
                    Condition.isNumeric(input, true),
                    Condition.isBoolean(input, true)),
                Flow.goTo("Tags Not A List"))
            .otherwise(Flow.goTo("Read Runtime Tags")));
    if (!functionTags.isEmpty()) {
      g.add(
          Flow.pass("Function Tags Only")
              .result(keptFunctionTags(functionTags))
              .resultPath(KEPT)
              .next("Configured Tags?"));
    }
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
    if (functionTags.isEmpty()) {
      loop(g, "Runtime Tags", input, "Configured Tags?");
    } else {
      loop(g, "Runtime Tags", input, "Function Tags: Start");
      loop(g, "Function Tags", fn, "Configured Tags?");
    }
    g.ifSet("Configured Tags?", configured, "Configured Tags: Start", "Tags Merged");
    loop(g, "Configured Tags", configured, "Tags Merged");
    String merged = "States.StringToJson(States.Format('[{}]', " + KEPT + ".TagsText))";
    g.add(
        Flow.pass("Tags Merged")
            .parameters(
                PreparationBranch.object()
                    .put("Tags.$", merged)
                    .put("Count.$", "States.ArrayLength(" + merged + ")"))
            .resultPath(PreparationBranch.WORK + ".Merged")
            .next("Too Many Tags?"));
    g.add(
        Flow.choice("Too Many Tags?")
            .when(
                Condition.compare(
                    PreparationBranch.WORK + ".Merged.Count",
                    ComparisonOperator.NUMERIC_GREATER_THAN,
                    JsonNodeFactory.instance.numberNode(MAX_TAGS)),
                Flow.goTo("Too Many Tags"))
            .otherwise(Flow.goTo(next)));
    g.add(
        Flow.fail("Too Many Tags")
            .error(LaunchFunctionMachine.INVALID_INPUT)
            .cause(TOO_MANY_CAUSE));
    return "Runtime Tags?";
  }

  /**
   * Walks {@code list} from its end, keeping each tag whose key is not kept yet: per tag a Choice
   * and two Pass states. Keep decides without a Choice: the kept keys with this key appended, made
   * unique, are one longer than the kept keys ({@code -NegCount}) exactly when the key is new; that
   * difference (0 or 1) picks the old or the extended texts.
   */
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
    // Pick also steps the index
    g.add(
        Flow.pass(name + ": Pick")
            .parameters(
                PreparationBranch.object()
                    .put("I.$", "States.MathAdd(" + LOOP + ".I, -1)")
                    .put("Tag.$", "States.ArrayGetItem(" + list + ", " + LOOP + ".I)"))
            .resultPath(LOOP)
            .next(name + ": Keep"));
    String keyText = "States.JsonToString(" + LOOP + ".Tag.Key)";
    String keys =
        "States.Format('{}{}{}', " + KEPT + ".KeysText, " + KEPT + ".Sep, " + keyText + ")";
    String isNew =
        "States.MathAdd(States.ArrayLength(States.ArrayUnique(States.StringToJson("
            + "States.Format('[{}{}{}]', "
            + KEPT
            + ".KeysText, "
            + KEPT
            + ".Sep, "
            + keyText
            + ")))), "
            + KEPT
            + ".NegCount)";
    String tags =
        "States.Format('{}{}{}', "
            + KEPT
            + ".TagsText, "
            + KEPT
            + ".Sep, States.JsonToString("
            + LOOP
            + ".Tag))";
    g.add(
        Flow.pass(name + ": Keep")
            .parameters(
                PreparationBranch.object()
                    .put(
                        "KeysText.$",
                        "States.ArrayGetItem(States.Array("
                            + KEPT
                            + ".KeysText, "
                            + keys
                            + "), "
                            + isNew
                            + ")")
                    .put(
                        "TagsText.$",
                        "States.ArrayGetItem(States.Array("
                            + KEPT
                            + ".TagsText, "
                            + tags
                            + "), "
                            + isNew
                            + ")")
                    .put(
                        "Sep.$",
                        "States.ArrayGetItem(States.Array(" + KEPT + ".Sep, ','), " + isNew + ")")
                    .put(
                        "NegCount.$",
                        "States.MathAdd("
                            + KEPT
                            + ".NegCount, States.ArrayGetItem(States.Array(0, -1), "
                            + isNew
                            + "))"))
            .resultPath(KEPT)
            .next(name + ": More?"));
  }
}

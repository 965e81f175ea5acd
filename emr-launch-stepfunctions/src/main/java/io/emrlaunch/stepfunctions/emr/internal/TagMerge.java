package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.emrlaunch.stepfunctions.asl.Condition;
import io.emrlaunch.stepfunctions.asl.Flow;
import java.util.Map;

/**
 * Merges the cluster's tags as {@code RunJobFlowRequests} does: the configuration's tags, then the
 * launch function's, then the execution input's {@code Tags}, a later key replacing an earlier one.
 * JSONPath ASL cannot build objects with computed keys, so tags stay {@code {Key, Value}} lists:
 * each earlier list is filtered by an inline Map that drops the keys the later lists set, and the
 * kept lists are flattened with {@code [*][*]}.
 *
 * <p>Step Functions gives {@code []} for a {@code [*][*]} path that matches nothing, but emulators
 * built on jsonpath-ng (moto, LocalStack) fail it with {@code States.Runtime}: a function without
 * tags, later tags replacing every configured one, or a cluster without any tag stopped the launch
 * there. So each flatten first looks at the lists' JSON text: with no quote in it (only brackets
 * and commas) the result is {@code []} without a path.
 */
final class TagMerge {
  private static final String TAGS = PreparationBranch.WORK + ".Tags";

  private TagMerge() {}

  /** Static tags and keys the generator knows, for the Prepare state's parameters. */
  static ArrayNode functionTags(Map<String, String> tags) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    tags.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
    return list;
  }

  static ArrayNode functionKeys(Map<String, String> tags) {
    ArrayNode keys = JsonNodeFactory.instance.arrayNode();
    tags.keySet().forEach(keys::add);
    return keys;
  }

  /**
   * Adds the tag states; expects {@code WORK.Function.Tags} and {@code WORK.Function.Keys}.
   *
   * @return the name of the first state
   */
  static String add(Graph g, String next) {
    String input = PreparationBranch.WORK + ".Input.Tags";
    String cluster = PreparationBranch.CLUSTER + ".Tags";
    g.add(
        Flow.choice("Runtime Tags?")
            .when(Condition.isPresent(input + "[0]", true), Flow.goTo("Take Runtime Tags"))
            .otherwise(Flow.goTo("No Runtime Tags")));
    g.add(
        Flow.pass("Take Runtime Tags")
            .parameters(
                PreparationBranch.object().put("Tags.$", input).put("Keys.$", input + "[*].Key"))
            .resultPath(TAGS + ".Runtime")
            .next("Configured Tags?"));
    g.add(
        Flow.pass("No Runtime Tags")
            .result(
                PreparationBranch.object()
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                        "Tags", JsonNodeFactory.instance.arrayNode())
                    .set("Keys", JsonNodeFactory.instance.arrayNode()))
            .resultPath(TAGS + ".Runtime")
            .next("Configured Tags?"));
    g.add(
        Flow.choice("Configured Tags?")
            .when(Condition.isPresent(cluster + "[0]", true), Flow.goTo("Later Tag Keys"))
            .otherwise(Flow.goTo("No Configured Tags")));
    g.add(
        Flow.pass("No Configured Tags")
            .result(JsonNodeFactory.instance.arrayNode())
            .resultPath(TAGS + ".Configured")
            .next("Keep Function Tags"));
    g.add(
        Flow.pass("Later Tag Keys")
            .parameters(
                PreparationBranch.object()
                    .put(
                        "Nested.$",
                        "States.Array("
                            + PreparationBranch.WORK
                            + ".Function.Keys, "
                            + TAGS
                            + ".Runtime.Keys)"))
            .resultPath(TAGS + ".Later")
            .next("Flatten Later Tag Keys"));
    flatten(
        g,
        "Flatten Later Tag Keys",
        TAGS + ".Later.Nested",
        "Keys",
        TAGS + ".Later",
        "Keep Configured Tags");
    keep(
        g,
        "Keep Configured Tags",
        cluster,
        TAGS + ".Later.Keys",
        TAGS + ".Configured",
        "Keep Function Tags");
    keep(
        g,
        "Keep Function Tags",
        PreparationBranch.WORK + ".Function.Tags",
        TAGS + ".Runtime.Keys",
        TAGS + ".Function",
        "Join Tags");
    g.add(
        Flow.pass("Join Tags")
            .parameters(
                PreparationBranch.object()
                    .put(
                        "Nested.$",
                        "States.Array("
                            + TAGS
                            + ".Configured, "
                            + TAGS
                            + ".Function, "
                            + TAGS
                            + ".Runtime.Tags)"))
            .resultPath(TAGS + ".Joined")
            .next("Flatten Tags"));
    flatten(g, "Flatten Tags", TAGS + ".Joined.Nested", "Tags", TAGS + ".Joined", "Set Tags");
    g.copy("Set Tags", TAGS + ".Joined.Tags", cluster, next);
    return "Runtime Tags?";
  }

  /**
   * An inline Map over {@code items} that keeps the tags whose key is not in {@code dropKeys}; each
   * iteration yields {@code []} or {@code [tag]}, so the result is flattened once.
   */
  private static void keep(
      Graph g, String name, String items, String dropKeys, String resultPath, String next) {
    Graph item = new Graph();
    item.add(
        Flow.pass(name + ": Dropped?")
            .parameters(
                PreparationBranch.object()
                    .put("Dropped.$", "States.ArrayContains($.Drop, $.Tag.Key)"))
            .resultPath("$.Check")
            .next(name + ": Keep?"));
    item.add(
        Flow.choice(name + ": Keep?")
            .when(Condition.booleanEquals("$.Check.Dropped", true), Flow.goTo(name + ": Drop"))
            .otherwise(Flow.goTo(name + ": Keep")));
    item.add(Flow.pass(name + ": Drop").result(JsonNodeFactory.instance.arrayNode()).end());
    item.add(
        Flow.pass(name + ": Keep")
            .parameters(PreparationBranch.object().put("Kept.$", "States.Array($.Tag)"))
            .outputPath("$.Kept")
            .end());
    g.add(
        Flow.map(name)
            .itemsPath(items)
            .itemSelector(
                PreparationBranch.object()
                    .put("Tag.$", "$$.Map.Item.Value")
                    .put("Drop.$", dropKeys))
            .itemProcessor(item.chain())
            .resultPath(resultPath + "Nested")
            .next(name + ": Flatten"));
    flatten(
        g, name + ": Flatten", resultPath + "Nested", "Tags", resultPath + "Kept", name + ": Use");
    g.copy(name + ": Use", resultPath + "Kept.Tags", resultPath, next);
  }

  /**
   * Flattens a list of lists once into {@code {field: [...]}} at {@code resultPath}, entering at
   * {@code name}. Every element is a tag object or a key string, so the lists hold something
   * exactly when their JSON text has a quote.
   */
  private static void flatten(
      Graph g, String name, String nested, String field, String resultPath, String next) {
    String text = TAGS + ".Text";
    g.add(
        Flow.pass(name)
            .parameters(
                PreparationBranch.object().put("Text.$", "States.JsonToString(" + nested + ")"))
            .resultPath(text)
            .next(name + ": Any?"));
    g.add(
        Flow.choice(name + ": Any?")
            .when(Condition.stringMatches(text + ".Text", "*\"*"), Flow.goTo(name + ": Some"))
            .otherwise(Flow.goTo(name + ": None")));
    g.add(
        Flow.pass(name + ": Some")
            .parameters(PreparationBranch.object().put(field + ".$", nested + "[*][*]"))
            .resultPath(resultPath)
            .next(next));
    g.add(
        Flow.pass(name + ": None")
            .result(
                PreparationBranch.object()
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                        field, JsonNodeFactory.instance.arrayNode()))
            .resultPath(resultPath)
            .next(next));
  }
}

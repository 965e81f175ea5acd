package io.emrlaunch.stepfunctions.iam.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.validation.Problems;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds every {@link TaskSite} of a definition, descending into Parallel branches and Map item
 * processors (both {@code ItemProcessor} and the older {@code Iterator}).
 */
public final class DefinitionWalker {
  private DefinitionWalker() {}

  /**
   * Walks a definition.
   *
   * @param definition the parsed definition (top-level object with {@code States})
   * @param problems where structural problems are reported
   * @return the sites in document order
   */
  public static List<TaskSite> walk(JsonNode definition, Problems problems) {
    List<TaskSite> out = new ArrayList<>();
    if (definition == null || !definition.isObject()) {
      problems.add("", "a state machine definition must be a JSON object");
      return out;
    }
    walkStates(definition.get("States"), "States", problems, out);
    return out;
  }

  private static void walkStates(
      JsonNode states, String path, Problems problems, List<TaskSite> out) {
    if (states == null || !states.isObject()) {
      problems.add(path, "must be an object of states");
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = states.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      walkState(e.getKey(), e.getValue(), path + "." + e.getKey(), problems, out);
    }
  }

  private static void walkState(
      String name, JsonNode state, String path, Problems problems, List<TaskSite> out) {
    String type = state.path("Type").asText("");
    switch (type) {
      case "Task" -> {
        JsonNode resource = state.get("Resource");
        if (resource == null || !resource.isTextual()) {
          problems.add(path + ".Resource", "is required on a Task state");
          return;
        }
        out.add(
            site(
                TaskSite.Kind.TASK,
                path,
                name,
                resource.asText(),
                state,
                state.get("Credentials")));
      }
      case "Parallel" -> {
        JsonNode branches = state.get("Branches");
        if (branches == null || !branches.isArray()) {
          problems.add(path + ".Branches", "is required on a Parallel state");
          return;
        }
        for (int i = 0; i < branches.size(); i++) {
          walkStates(
              branches.get(i).get("States"), path + ".Branches[" + i + "].States", problems, out);
        }
      }
      case "Map" -> walkMap(name, state, path, problems, out);
      default -> {
        // Pass, Choice, Wait, Succeed, Fail call nothing.
      }
    }
  }

  private static void walkMap(
      String name, JsonNode state, String path, Problems problems, List<TaskSite> out) {
    String processorField = state.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
    JsonNode processor = state.get(processorField);
    if (processor == null) {
      problems.add(path + ".ItemProcessor", "is required on a Map state");
      return;
    }
    boolean distributed =
        "DISTRIBUTED".equals(processor.path("ProcessorConfig").path("Mode").asText(""));
    if (distributed) {
      out.add(
          new TaskSite(
              TaskSite.Kind.DISTRIBUTED_MAP, path, name, "", null, "Parameters", null, state));
    }
    for (String f : List.of("ItemReader", "ResultWriter")) {
      JsonNode n = state.get(f);
      if (n != null && n.has("Resource")) {
        TaskSite.Kind kind =
            f.equals("ItemReader") ? TaskSite.Kind.ITEM_READER : TaskSite.Kind.RESULT_WRITER;
        out.add(site(kind, path + "." + f, name, n.get("Resource").asText(), n, null));
      }
    }
    walkStates(processor.get("States"), path + "." + processorField + ".States", problems, out);
  }

  private static TaskSite site(
      TaskSite.Kind kind,
      String path,
      String name,
      String resource,
      JsonNode node,
      JsonNode creds) {
    String argsField = node.has("Arguments") ? "Arguments" : "Parameters";
    return new TaskSite(kind, path, name, resource, node.get(argsField), argsField, creds, node);
  }
}

package io.emrlaunch.stepfunctions.asl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.stepfunctions.asl.Catcher;
import io.emrlaunch.stepfunctions.asl.ChoiceRule;
import io.emrlaunch.stepfunctions.asl.ChoiceState;
import io.emrlaunch.stepfunctions.asl.Condition;
import io.emrlaunch.stepfunctions.asl.MapState;
import io.emrlaunch.stepfunctions.asl.NextOrEnd;
import io.emrlaunch.stepfunctions.asl.ParallelState;
import io.emrlaunch.stepfunctions.asl.RetryAndCatch;
import io.emrlaunch.stepfunctions.asl.State;
import io.emrlaunch.stepfunctions.asl.StateGraph;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.TaskState;
import io.emrlaunch.stepfunctions.asl.Transition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Draws a state machine as a Mermaid {@code flowchart TD}. Each graph (the machine, each Parallel
 * branch, each Map processor) gets its own start and end markers; branches and processors are
 * subgraphs entered from their container by a dotted edge. Choice rules are labelled with their
 * condition, Catchers with the errors they catch. Node ids are generated, so any state name works.
 */
public final class MermaidRenderer {
  private static final int MAX_LABEL = 48;

  private final StringBuilder out = new StringBuilder(1024);
  private int counter;

  private MermaidRenderer() {}

  /**
   * Renders a machine.
   *
   * @param machine the machine
   * @return the Mermaid text
   */
  public static String render(StateMachine machine) {
    MermaidRenderer r = new MermaidRenderer();
    r.out.append("flowchart TD\n");
    r.graph(machine, "  ");
    r.out.append("  classDef succeed fill:#d4edda,stroke:#28a745\n");
    r.out.append("  classDef fail fill:#f8d7da,stroke:#dc3545\n");
    r.out.append("  classDef choice fill:#fff3cd,stroke:#ffc107\n");
    return r.out.toString();
  }

  /** Draws a graph; returns the id of its start marker. */
  private String graph(StateGraph graph, String indent) {
    Map<String, String> ids = new HashMap<>();
    for (String name : graph.states().keySet()) {
      ids.put(name, "s" + counter++);
    }
    String start = "start" + counter++;
    String end = "end" + counter++;
    out.append(indent).append(start).append("((start))\n");
    boolean anyEnd = false;
    for (Map.Entry<String, State> e : graph.states().entrySet()) {
      String id = ids.get(e.getKey());
      State s = e.getValue();
      out.append(indent).append(id).append(shape(e.getKey(), s)).append('\n');
      switch (s.type()) {
        case SUCCEED -> out.append(indent).append("class ").append(id).append(" succeed\n");
        case FAIL -> out.append(indent).append("class ").append(id).append(" fail\n");
        case CHOICE -> out.append(indent).append("class ").append(id).append(" choice\n");
        default -> {}
      }
      if (s instanceof ParallelState p) {
        for (int i = 0; i < p.branches().size(); i++) {
          nested(id, p.branches().get(i), "Branch " + (i + 1), indent);
        }
      } else if (s instanceof MapState m && m.processor().isPresent()) {
        nested(
            id,
            m.processor().get(),
            m.isDistributed() ? "Item processor (distributed)" : "Item processor",
            indent);
      }
    }
    String startId = ids.get(graph.startAt());
    if (startId != null) {
      out.append(indent).append(start).append(" --> ").append(startId).append('\n');
    }
    for (Map.Entry<String, State> e : graph.states().entrySet()) {
      String id = ids.get(e.getKey());
      State s = e.getValue();
      for (Transition t : s.transitions()) {
        String target = ids.get(t.target());
        if (target == null) {
          continue; // a dangling target is the validator's business, not the diagram's
        }
        out.append(indent).append(id);
        switch (t.kind()) {
          case NEXT -> out.append(" --> ");
          case DEFAULT -> out.append(" -- \"default\" --> ");
          case CHOICE ->
              out.append(" -- \"")
                  .append(escape(describe(((ChoiceState) s).choices().get(t.index()))))
                  .append("\" --> ");
          case CATCH ->
              out.append(" -. \"")
                  .append(escape("catch " + errors(((RetryAndCatch) s).catchers().get(t.index()))))
                  .append("\" .-> ");
        }
        out.append(target).append('\n');
      }
      if (s instanceof NextOrEnd n && n.end()) {
        out.append(indent).append(id).append(" --> ").append(end).append('\n');
        anyEnd = true;
      }
    }
    if (anyEnd) {
      out.append(indent).append(end).append("((end))\n");
    }
    return start;
  }

  private void nested(String containerId, StateGraph graph, String title, String indent) {
    String sub = "g" + counter++;
    out.append(indent)
        .append("subgraph ")
        .append(sub)
        .append(" [\"")
        .append(escape(title))
        .append("\"]\n");
    String start = graph(graph, indent + "  ");
    out.append(indent).append("end\n");
    out.append(indent).append(containerId).append(" -.-> ").append(start).append('\n');
  }

  private static String shape(String name, State s) {
    String label = escape(name);
    String detail = s instanceof TaskState t ? "<br/>" + escape(shortResource(t.resource())) : "";
    return switch (s.type()) {
      case CHOICE -> "{\"" + label + "\"}";
      case SUCCEED, FAIL -> "([\"" + label + "\"])";
      case WAIT -> "[/\"" + label + "\"/]";
      case PARALLEL, MAP -> "[[\"" + label + " (" + s.type().aslName() + ")\"]]";
      case PASS -> "[\"" + label + "\"]";
      case TASK -> "[\"" + label + detail + "\"]";
    };
  }

  private static String shortResource(String arn) {
    String prefix = "arn:aws:states:::";
    return arn.startsWith(prefix) ? arn.substring(prefix.length()) : arn;
  }

  private static String errors(Catcher c) {
    return String.join(", ", c.errorEquals());
  }

  private static String describe(ChoiceRule r) {
    String text;
    if (r.condition().isPresent()) {
      text = describe(r.condition().get());
    } else if (r.jsonataCondition().isPresent()) {
      JsonNode c = r.jsonataCondition().get();
      text = c.isTextual() ? c.asText().replace("{%", "").replace("%}", "").strip() : c.toString();
    } else {
      text = "?";
    }
    return text.length() > MAX_LABEL ? text.substring(0, MAX_LABEL - 3) + "..." : text;
  }

  private static String describe(Condition c) {
    if (c instanceof Condition.Comparison cmp) {
      return cmp.variable() + " " + cmp.operator().aslName() + " " + cmp.value();
    }
    if (c instanceof Condition.Not n) {
      return "not (" + describe(n.condition()) + ")";
    }
    List<Condition> parts =
        c instanceof Condition.And a ? a.conditions() : ((Condition.Or) c).conditions();
    String op = c instanceof Condition.And ? " and " : " or ";
    return parts.stream().map(MermaidRenderer::describe).collect(Collectors.joining(op, "(", ")"));
  }

  /** Mermaid entity codes for the characters that would end or break a quoted label. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("#quot;");
        case '<' -> b.append("#lt;");
        case '>' -> b.append("#gt;");
        case '#' -> b.append("#35;");
        case '\n', '\r' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}

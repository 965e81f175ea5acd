package io.emrlaunch.stepfunctions.iam.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.stepfunctions.asl.ItemReader;
import io.emrlaunch.stepfunctions.asl.MapState;
import io.emrlaunch.stepfunctions.asl.ProcessorConfig;
import io.emrlaunch.stepfunctions.asl.ProcessorMode;
import io.emrlaunch.stepfunctions.asl.ResultWriter;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.TaskState;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@link TaskSite}s of a typed {@link StateMachine}: the same sites, paths and argument
 * objects as {@link DefinitionWalker} finds in the machine's JSON, read from the model directly.
 */
public final class ModelWalker {
  private ModelWalker() {}

  /**
   * Walks a typed state machine, nested states included.
   *
   * @param machine the machine
   * @return the sites in definition order
   */
  public static List<TaskSite> walk(StateMachine machine) {
    List<TaskSite> out = new ArrayList<>();
    for (StateMachine.StateEntry e : machine.allStates()) {
      if (e.state() instanceof TaskState t) {
        boolean jsonata = t.arguments().isPresent();
        out.add(
            new TaskSite(
                TaskSite.Kind.TASK,
                e.location(),
                e.name(),
                t.resource(),
                (jsonata ? t.arguments() : t.parameters()).orElse(null),
                jsonata ? "Arguments" : "Parameters",
                t.credentials().orElse(null),
                null));
      } else if (e.state() instanceof MapState m) {
        boolean distributed =
            m.processor()
                .flatMap(p -> p.processorConfig())
                .flatMap(ProcessorConfig::mode)
                .filter(mode -> mode == ProcessorMode.DISTRIBUTED)
                .isPresent();
        if (distributed) {
          out.add(
              new TaskSite(
                  TaskSite.Kind.DISTRIBUTED_MAP,
                  e.location(),
                  e.name(),
                  "",
                  null,
                  "Parameters",
                  null,
                  null));
        }
        m.itemReader().ifPresent(r -> out.add(reader(e, r)));
        m.resultWriter().flatMap(w -> writer(e, w)).ifPresent(out::add);
      }
    }
    return out;
  }

  private static TaskSite reader(StateMachine.StateEntry e, ItemReader r) {
    boolean jsonata = r.arguments().isPresent();
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    r.readerConfig()
        .flatMap(c -> c.inputType())
        .ifPresent(t -> node.putObject("ReaderConfig").put("InputType", t));
    JsonNode args = (jsonata ? r.arguments() : r.parameters()).orElse(null);
    return new TaskSite(
        TaskSite.Kind.ITEM_READER,
        e.location() + ".ItemReader",
        e.name(),
        r.resource(),
        args,
        jsonata ? "Arguments" : "Parameters",
        null,
        node);
  }

  private static java.util.Optional<TaskSite> writer(StateMachine.StateEntry e, ResultWriter w) {
    if (w.resource().isEmpty()) {
      return java.util.Optional.empty(); // WriterConfig only: nothing is written to S3
    }
    boolean jsonata = w.arguments().isPresent();
    return java.util.Optional.of(
        new TaskSite(
            TaskSite.Kind.RESULT_WRITER,
            e.location() + ".ResultWriter",
            e.name(),
            w.resource().get(),
            (jsonata ? w.arguments() : w.parameters()).orElse(null),
            jsonata ? "Arguments" : "Parameters",
            null,
            null));
  }
}

package io.emrlaunch.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Mermaid flowchart of a machine. */
class MermaidTest {

  @Test
  void drawsStatesTransitionsBranchesAndCatches() {
    StateMachine m =
        StateMachine.fromJson(
            """
            {"StartAt": "Launch", "States": {
              "Launch": {"Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:createCluster.sync",
                         "Next": "Ready?",
                         "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed \\"hard\\""}]},
              "Ready?": {"Type": "Choice",
                         "Choices": [{"Variable": "$.state", "StringEquals": "WAITING", "Next": "Steps"}],
                         "Default": "Failed \\"hard\\""},
              "Steps": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Spark", "States": {"Spark": {"Type": "Pass", "End": true}}}]},
              "Failed \\"hard\\"": {"Type": "Fail", "Error": "E"}
            }}
            """);
    assertThat(m.toMermaid())
        .isEqualTo(
            """
            flowchart TD
              start4((start))
              s0["Launch<br/>elasticmapreduce:createCluster.sync"]
              s1{"Ready?"}
              class s1 choice
              s2[["Steps (Parallel)"]]
              subgraph g6 ["Branch 1"]
                start8((start))
                s7["Spark"]
                start8 --> s7
                s7 --> end9
                end9((end))
              end
              s2 -.-> start8
              s3(["Failed #quot;hard#quot;"])
              class s3 fail
              start4 --> s0
              s0 --> s1
              s0 -. "catch States.ALL" .-> s3
              s1 -- "$.state StringEquals #quot;WAITING#quot;" --> s2
              s1 -- "default" --> s3
              s2 --> end5
              end5((end))
              classDef succeed fill:#d4edda,stroke:#28a745
              classDef fail fill:#f8d7da,stroke:#dc3545
              classDef choice fill:#fff3cd,stroke:#ffc107
            """);
  }

  @Test
  void drawsEveryCorpusStateOnce() {
    for (Path f : AslCorpus.files()) {
      StateMachine m = StateMachine.fromJson(AslCorpus.read(f));
      String mermaid = m.toMermaid();
      long nodes = mermaid.lines().filter(l -> l.strip().matches("s\\d+[\\[({/].*")).count();
      assertThat(nodes).as(f.getFileName().toString()).isEqualTo(m.allStates().size());
      long subgraphs = mermaid.lines().filter(l -> l.strip().startsWith("subgraph ")).count();
      long ends = mermaid.lines().filter(l -> l.strip().equals("end")).count();
      assertThat(subgraphs).isEqualTo(ends);
      assertThat(mermaid).startsWith("flowchart TD\n");
    }
  }
}

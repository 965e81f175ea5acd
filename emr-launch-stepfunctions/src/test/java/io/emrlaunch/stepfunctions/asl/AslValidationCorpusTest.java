package io.emrlaunch.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** No false positives: every realistic corpus definition validates clean. */
class AslValidationCorpusTest {

  @Test
  void everyCorpusDefinitionIsValid() {
    for (Path f : AslCorpus.files()) {
      StateMachine m = StateMachine.fromJson(AslCorpus.read(f));
      assertThat(m.validate()).as(f.getFileName().toString()).isEmpty();
    }
  }
}

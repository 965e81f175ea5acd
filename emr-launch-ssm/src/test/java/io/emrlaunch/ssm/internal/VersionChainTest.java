package io.emrlaunch.ssm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;

/** Which writes of a record's history landed late (on top of a version their writer never saw). */
class VersionChainTest {
  private final List<ParameterHistory> history = new ArrayList<>();

  /** Appends the next version; a null description is a writer that does not lock. */
  VersionChainTest put(String value, String description) {
    history.add(
        ParameterHistory.builder()
            .version((long) history.size() + 1)
            .value(value)
            .description(description)
            .build());
    return this;
  }

  /** Appends the next version as a versioned save does. */
  VersionChainTest save(String value, String token, long base) {
    return put(value, VersionChain.description(token, base));
  }

  /** Appends the next version as SSM does for a put without description: it keeps the last one. */
  VersionChainTest plain(String value) {
    return put(value, history.isEmpty() ? null : history.get(history.size() - 1).description());
  }

  List<Long> late() {
    VersionChain chain = new VersionChain(history);
    return history.stream().map(ParameterHistory::version).filter(chain::isLate).toList();
  }

  @Test
  void savesEachOnTheVersionBeforeAreInOrder() {
    put("a", null).save("b", "t1", 1).save("c", "t2", 2).save("d", "t3", 3);
    assertThat(late()).isEmpty();
  }

  @Test
  void aSaveThatLandsOnAVersionItNeverSawIsLateAndTheVersionItBuriedIsTheOneToRestore() {
    put("a", null).save("B", "b", 1).save("A", "a", 1);
    assertThat(late()).containsExactly(3L);
    assertThat(new VersionChain(history).newestInOrderBetween(0, 3))
        .hasValueSatisfying(h -> assertThat(h.value()).isEqualTo("B"));
  }

  @Test
  void copiesOfTheSamePutAreNotAConflict() {
    put("a", null).save("A", "a", 1).save("A", "a", 1).save("A", "a", 1);
    assertThat(late()).isEmpty();
  }

  @Test
  void aPlainOverwriteKeepsTheDescriptionButIsNeverLateAndASaveOverItThatDidNotSeeItIs() {
    put("a", null).save("A", "a", 1).plain("P");
    assertThat(late()).isEmpty();
    save("C", "c", 2);
    assertThat(late()).containsExactly(4L);
    assertThat(new VersionChain(history).newestInOrderBetween(2, 4))
        .hasValueSatisfying(h -> assertThat(h.value()).isEqualTo("P"));
  }

  @Test
  void aWriteOnlyALateWriteGotInFrontOfIsInOrder() {
    put("a", null).save("B", "b", 1).save("A", "a", 1).save("B", "r", 3).save("C", "c", 2);
    // 3 buried 2; 4 restored B on top of 3 (in order); 5 built on 2 with only the late 3 and a
    // copy of its base's value in between... 4 holds "B", a different value from C's: 5 is late.
    assertThat(late()).containsExactly(3L, 5L);
    history.clear();
    put("a", null).save("B", "b", 1).save("A", "a", 1).save("C", "c", 2);
    assertThat(late()).containsExactly(3L);
  }

  @Test
  void aLateWritesRetryCopyIsLateToo() {
    put("a", null).save("B", "b", 1).save("A", "a", 1).save("A", "a", 1);
    assertThat(late()).containsExactly(3L, 4L);
  }

  @Test
  void foreignOrMalformedDescriptionsAreNeverLate() {
    put("a", "from the Python stack").put("b", "emr-launch:lease x on notanumber");
    put("c", "emr-launch:lease x on 99");
    assertThat(late()).isEmpty();
    assertThat(VersionChain.baseOf("emr-launch:lease tok on 12")).hasValue(12);
    assertThat(VersionChain.baseOf(null)).isEmpty();
  }
}

package io.emrlaunch.testkit.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.ParameterMaxVersionLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;

/**
 * Seeded random sequences of puts, labels, deletes and reads against a simple model of versions and
 * labels, long enough to cross the 100-version limit with and without a labelled oldest version.
 */
class FakeSsmModelTest {
  static final String[] NAMES = {"/m/a", "/m/b"};
  static final String[] LABELS = {"blue", "green", "red"};

  /** The model: retained versions and labels per parameter, next version number. */
  final Map<String, TreeMap<Long, String>> versions = new HashMap<>();

  final Map<String, Map<String, Long>> labels = new HashMap<>();
  final Map<String, Long> last = new HashMap<>();

  @Test
  void randomSequencesMatchTheModel() {
    for (long seed = 1; seed <= 6; seed++) {
      run(seed, 1200);
    }
  }

  void run(long seed, int steps) {
    versions.clear();
    labels.clear();
    last.clear();
    FakeSsm ssm = new FakeSsm(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    Random random = new Random(seed);
    int blocked = 0;
    for (int step = 0; step < steps; step++) {
      String at = "seed " + seed + " step " + step;
      String name = NAMES[random.nextInt(NAMES.length)];
      int op = random.nextInt(100);
      if (op < 70) {
        String value = "v" + step;
        if (putWouldBeBlocked(name)) {
          blocked++;
          assertThatThrownBy(
                  () ->
                      ssm.putParameter(
                          r -> r.name(name).value(value).type("String").overwrite(true)))
              .as(at)
              .isInstanceOf(ParameterMaxVersionLimitExceededException.class);
        } else {
          long expected = modelPut(name, value);
          long actual =
              ssm.putParameter(r -> r.name(name).value(value).type("String").overwrite(true))
                  .version();
          assertThat(actual).as(at).isEqualTo(expected);
        }
      } else if (op < 85 && versions.containsKey(name)) {
        List<Long> retained = new ArrayList<>(versions.get(name).keySet());
        // Half the labels go on the oldest version, so puts past 100 versions get blocked.
        long version =
            random.nextBoolean() ? retained.get(0) : retained.get(random.nextInt(retained.size()));
        String label = LABELS[random.nextInt(LABELS.length)];
        ssm.labelParameterVersion(r -> r.name(name).parameterVersion(version).labels(label));
        labels.get(name).put(label, version);
      } else if (op < 88 && random.nextInt(10) == 0) {
        if (versions.containsKey(name)) {
          ssm.deleteParameter(r -> r.name(name));
          versions.remove(name);
          labels.remove(name);
          last.remove(name);
        } else {
          assertThatThrownBy(() -> ssm.deleteParameter(r -> r.name(name)))
              .as(at)
              .isInstanceOf(ParameterNotFoundException.class);
        }
      } else {
        check(ssm, name, random, at);
      }
    }
    for (String name : NAMES) {
      check(ssm, name, random, "seed " + seed + " end");
    }
    assertThat(blocked).as("seed %d should exercise the labelled-oldest rule", seed).isPositive();
  }

  boolean putWouldBeBlocked(String name) {
    TreeMap<Long, String> v = versions.get(name);
    return v != null && v.size() == 100 && labels.get(name).containsValue(v.firstKey());
  }

  long modelPut(String name, String value) {
    TreeMap<Long, String> v = versions.computeIfAbsent(name, k -> new TreeMap<>());
    labels.computeIfAbsent(name, k -> new HashMap<>());
    if (v.size() == 100) {
      v.pollFirstEntry();
    }
    long next = last.getOrDefault(name, 0L) + 1;
    last.put(name, next);
    v.put(next, value);
    return next;
  }

  void check(FakeSsm ssm, String name, Random random, String at) {
    TreeMap<Long, String> v = versions.get(name);
    if (v == null) {
      assertThatThrownBy(() -> ssm.getParameter(r -> r.name(name)))
          .as(at)
          .isInstanceOf(ParameterNotFoundException.class);
      return;
    }
    assertThat(ssm.getParameter(r -> r.name(name)).parameter().value())
        .as(at)
        .isEqualTo(v.lastEntry().getValue());
    labels
        .get(name)
        .forEach(
            (label, version) ->
                assertThat(ssm.getParameter(r -> r.name(name + ":" + label)).parameter().value())
                    .as(at + " label " + label)
                    .isEqualTo(v.get(version)));
    long probe = 1 + random.nextInt((int) (long) last.get(name));
    if (v.containsKey(probe)) {
      assertThat(ssm.getParameter(r -> r.name(name + ":" + probe)).parameter().value())
          .as(at + " version " + probe)
          .isEqualTo(v.get(probe));
    } else {
      assertThatThrownBy(() -> ssm.getParameter(r -> r.name(name + ":" + probe)))
          .as(at + " version " + probe)
          .isInstanceOf(ParameterVersionNotFoundException.class);
    }
    long historySize = 0;
    String token = null;
    do {
      String t = token;
      var page = ssm.getParameterHistory(r -> r.name(name).nextToken(t));
      historySize += page.parameters().size();
      token = page.nextToken();
    } while (token != null);
    assertThat(historySize).as(at + " history").isEqualTo(v.size());
  }
}

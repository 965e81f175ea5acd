package io.emrlaunch.stepfunctions.iam.internal;

import io.emrlaunch.stepfunctions.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Merges statements without changing what they allow: two statements that differ only in actions
 * (or only in resources) become one. Repeats until nothing merges, then sorts.
 */
public final class StatementMerger {
  private StatementMerger() {}

  /**
   * Merges and sorts.
   *
   * @param input statements in any order
   * @return the merged statements, sorted
   */
  public static List<PolicyStatement> merge(Collection<PolicyStatement> input) {
    List<PolicyStatement> current = new ArrayList<>();
    for (PolicyStatement s : new TreeSet<>(input)) {
      current.add(absorbWildcard(s));
    }
    while (true) {
      List<PolicyStatement> next = mergeOnce(mergeOnce(current, true), false);
      if (next.size() == current.size()) {
        next.sort(null);
        return List.copyOf(next);
      }
      current = next;
    }
  }

  // A "*" resource already covers every other resource of the same statement.
  private static PolicyStatement absorbWildcard(PolicyStatement s) {
    if (s.resources().size() > 1 && s.resources().contains("*")) {
      return s.withResources(List.of("*"));
    }
    return s;
  }

  private static List<PolicyStatement> mergeOnce(List<PolicyStatement> in, boolean joinActions) {
    Map<Key, PolicyStatement.Builder> groups = new LinkedHashMap<>();
    for (PolicyStatement s : in) {
      Key key = new Key(s, joinActions);
      PolicyStatement.Builder b = groups.get(key);
      if (b == null) {
        groups.put(key, s.toBuilder());
      } else if (joinActions) {
        b.actions(s.actions());
      } else {
        b.resources(s.resources());
      }
    }
    List<PolicyStatement> out = new ArrayList<>();
    groups.values().forEach(b -> out.add(absorbWildcard(b.build())));
    return out;
  }

  /** Everything but the actions (when joining actions) or the resources (when joining those). */
  private static final class Key {
    private final PolicyStatement s;
    private final boolean joinActions;

    Key(PolicyStatement s, boolean joinActions) {
      this.s = s;
      this.joinActions = joinActions;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key k)) {
        return false;
      }
      PolicyStatement t = k.s;
      return Objects.equals(s.sid(), t.sid())
          && s.effect() == t.effect()
          && s.principals().equals(t.principals())
          && s.conditions().equals(t.conditions())
          && (joinActions ? s.resources().equals(t.resources()) : s.actions().equals(t.actions()));
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          s.sid(),
          s.effect(),
          s.principals(),
          s.conditions(),
          joinActions ? s.resources() : s.actions());
    }
  }
}

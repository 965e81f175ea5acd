package io.emrlaunch.stepfunctions.iam;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One IAM policy statement: an immutable value whose actions, resources, principals and condition
 * values are kept sorted and free of duplicates, so equal permissions render equal JSON.
 *
 * <pre>{@code
 * PolicyStatement s = PolicyStatement.allow()
 *     .actions("sns:Publish")
 *     .resources("arn:aws:sns:us-east-1:123456789012:alerts")
 *     .build();
 * }</pre>
 */
public final class PolicyStatement implements Comparable<PolicyStatement> {

  /** Whether a statement grants or denies. */
  public enum Effect {
    /** Grants the actions. */
    ALLOW("Allow"),
    /** Denies the actions. */
    DENY("Deny");

    private final String json;

    Effect(String json) {
      this.json = json;
    }

    /**
     * The effect as written in IAM JSON.
     *
     * @return {@code Allow} or {@code Deny}
     */
    public String json() {
      return json;
    }
  }

  private static final Comparator<PolicyStatement> ORDER =
      Comparator.comparing((PolicyStatement s) -> s.sid().orElse(""))
          .thenComparing(s -> String.join(",", s.actions))
          .thenComparing(s -> String.join(",", s.resources))
          .thenComparing(s -> s.principals.toString())
          .thenComparing(s -> s.conditions.toString())
          .thenComparing(s -> s.effect);

  private final String sid;
  private final Effect effect;
  private final SortedSet<String> actions;
  private final SortedSet<String> resources;
  private final SortedMap<String, SortedSet<String>> principals;
  private final SortedMap<String, SortedMap<String, SortedSet<String>>> conditions;

  private PolicyStatement(Builder b) {
    this.sid = b.sid;
    this.effect = b.effect;
    this.actions = Collections.unmodifiableSortedSet(new TreeSet<>(b.actions));
    this.resources = Collections.unmodifiableSortedSet(new TreeSet<>(b.resources));
    this.principals = deepCopy1(b.principals);
    this.conditions = deepCopy2(b.conditions);
  }

  /**
   * Starts an {@code Allow} statement.
   *
   * @return a builder
   */
  public static Builder allow() {
    return new Builder(Effect.ALLOW);
  }

  /**
   * Starts a {@code Deny} statement.
   *
   * @return a builder
   */
  public static Builder deny() {
    return new Builder(Effect.DENY);
  }

  /**
   * A builder holding this statement's values, to derive a changed copy.
   *
   * @return a pre-filled builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(effect);
    b.sid = sid;
    b.actions.addAll(actions);
    b.resources.addAll(resources);
    principals.forEach((k, v) -> b.principals.put(k, new TreeSet<>(v)));
    conditions.forEach(
        (op, keys) -> keys.forEach((k, v) -> b.condition(op, k, v.toArray(String[]::new))));
    return b;
  }

  /**
   * A copy with other resources.
   *
   * @param newResources the resources of the copy
   * @return the copy
   */
  public PolicyStatement withResources(Collection<String> newResources) {
    Builder b = toBuilder();
    b.resources.clear();
    return b.resources(newResources).build();
  }

  /**
   * A copy with other actions.
   *
   * @param newActions the actions of the copy
   * @return the copy
   */
  public PolicyStatement withActions(Collection<String> newActions) {
    Builder b = toBuilder();
    b.actions.clear();
    return b.actions(newActions).build();
  }

  /**
   * The statement id.
   *
   * @return the {@code Sid}, if any
   */
  public Optional<String> sid() {
    return Optional.ofNullable(sid);
  }

  /**
   * Allow or deny.
   *
   * @return the effect
   */
  public Effect effect() {
    return effect;
  }

  /**
   * The actions, sorted.
   *
   * @return e.g. {@code [elasticmapreduce:AddJobFlowSteps, elasticmapreduce:DescribeStep]}
   */
  public SortedSet<String> actions() {
    return actions;
  }

  /**
   * The resource ARNs, sorted; empty for a trust-policy statement.
   *
   * @return the resources
   */
  public SortedSet<String> resources() {
    return resources;
  }

  /**
   * The principals by type ({@code Service}, {@code AWS}, ...); empty for an identity policy.
   *
   * @return the principals
   */
  public SortedMap<String, SortedSet<String>> principals() {
    return principals;
  }

  /**
   * The conditions: operator ({@code StringEquals}) to condition key to accepted values.
   *
   * @return the conditions
   */
  public SortedMap<String, SortedMap<String, SortedSet<String>>> conditions() {
    return conditions;
  }

  @Override
  public int compareTo(PolicyStatement o) {
    return ORDER.compare(this, o);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyStatement s
        && Objects.equals(sid, s.sid)
        && effect == s.effect
        && actions.equals(s.actions)
        && resources.equals(s.resources)
        && principals.equals(s.principals)
        && conditions.equals(s.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sid, effect, actions, resources, principals, conditions);
  }

  @Override
  public String toString() {
    return effect.json()
        + " "
        + actions
        + " on "
        + resources
        + (principals.isEmpty() ? "" : " for " + principals)
        + (conditions.isEmpty() ? "" : " if " + conditions);
  }

  private static SortedMap<String, SortedSet<String>> deepCopy1(Map<String, SortedSet<String>> m) {
    SortedMap<String, SortedSet<String>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v))));
    return Collections.unmodifiableSortedMap(out);
  }

  private static SortedMap<String, SortedMap<String, SortedSet<String>>> deepCopy2(
      Map<String, SortedMap<String, SortedSet<String>>> m) {
    SortedMap<String, SortedMap<String, SortedSet<String>>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, deepCopy1(v)));
    return Collections.unmodifiableSortedMap(out);
  }

  /** Builds a {@link PolicyStatement}. */
  public static final class Builder {
    private String sid;
    private final Effect effect;
    private final SortedSet<String> actions = new TreeSet<>();
    private final SortedSet<String> resources = new TreeSet<>();
    private final SortedMap<String, SortedSet<String>> principals = new TreeMap<>();
    private final SortedMap<String, SortedMap<String, SortedSet<String>>> conditions =
        new TreeMap<>();

    private Builder(Effect effect) {
      this.effect = effect;
    }

    /**
     * Sets the statement id (letters and digits only, as IAM requires).
     *
     * @param sid the id; {@code null} for none
     * @return this
     */
    public Builder sid(String sid) {
      if (sid != null && !sid.matches("[A-Za-z0-9]+")) {
        throw new IllegalArgumentException("a Sid may only contain letters and digits: " + sid);
      }
      this.sid = sid;
      return this;
    }

    /**
     * Adds actions.
     *
     * @param actions e.g. {@code sns:Publish}
     * @return this
     */
    public Builder actions(String... actions) {
      return actions(List.of(actions));
    }

    /**
     * Adds actions.
     *
     * @param actions e.g. {@code sns:Publish}
     * @return this
     */
    public Builder actions(Collection<String> actions) {
      actions.forEach(a -> this.actions.add(requireText(a, "action")));
      return this;
    }

    /**
     * Adds resource ARNs.
     *
     * @param resources ARNs, or {@code *}
     * @return this
     */
    public Builder resources(String... resources) {
      return resources(List.of(resources));
    }

    /**
     * Adds resource ARNs.
     *
     * @param resources ARNs, or {@code *}
     * @return this
     */
    public Builder resources(Collection<String> resources) {
      resources.forEach(r -> this.resources.add(requireText(r, "resource")));
      return this;
    }

    /**
     * Adds principals of one type.
     *
     * @param type e.g. {@code Service}
     * @param values e.g. {@code states.amazonaws.com}
     * @return this
     */
    public Builder principal(String type, String... values) {
      SortedSet<String> set = principals.computeIfAbsent(type, k -> new TreeSet<>());
      for (String v : values) {
        set.add(requireText(v, "principal"));
      }
      return this;
    }

    /**
     * Adds a condition.
     *
     * @param operator e.g. {@code StringEquals}
     * @param key e.g. {@code aws:SourceAccount}
     * @param values accepted values (any of them matches)
     * @return this
     */
    public Builder condition(String operator, String key, String... values) {
      SortedSet<String> set =
          conditions
              .computeIfAbsent(requireText(operator, "operator"), k -> new TreeMap<>())
              .computeIfAbsent(requireText(key, "condition key"), k -> new TreeSet<>());
      for (String v : values) {
        set.add(requireText(v, "condition value"));
      }
      return this;
    }

    /**
     * Builds the statement.
     *
     * @return the statement
     * @throws IllegalStateException when it has no action
     */
    public PolicyStatement build() {
      if (actions.isEmpty()) {
        throw new IllegalStateException("a policy statement needs at least one action");
      }
      return new PolicyStatement(this);
    }

    private static String requireText(String v, String what) {
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException("a blank " + what + " is not allowed");
      }
      return v;
    }
  }
}

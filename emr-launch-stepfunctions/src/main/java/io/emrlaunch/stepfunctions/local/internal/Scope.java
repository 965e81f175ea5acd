package io.emrlaunch.stepfunctions.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Variables visible to a state: its own graph's, then the enclosing graphs' (read-only from an
 * inner Parallel branch or Map iteration). Assign writes to the current scope.
 */
public final class Scope {
  private final Scope parent;
  private final Map<String, JsonNode> values = new HashMap<>();
  private final Random random;

  /** A scope inside {@code parent}, drawing from the same random. */
  public Scope(Scope parent) {
    this(parent, parent == null ? new Random(0) : parent.random);
  }

  /** A scope with the execution's seeded random ({@code $uuid}, {@code $random} of JSONata). */
  public Scope(Scope parent, Random random) {
    this.parent = parent;
    this.random = random;
  }

  /** The execution's seeded random. */
  public Random random() {
    return random;
  }

  public synchronized JsonNode get(String name) {
    JsonNode v = values.get(name);
    if (v == null && parent != null) {
      return parent.get(name);
    }
    return v;
  }

  public synchronized void set(String name, JsonNode value) {
    values.put(name, value);
  }

  /** Every visible variable, inner names shadowing outer ones. */
  public synchronized Map<String, JsonNode> all() {
    Map<String, JsonNode> out = parent == null ? new HashMap<>() : parent.all();
    out.putAll(values);
    return out;
  }
}

package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import io.emrlaunch.stepfunctions.asl.intrinsics.IntrinsicArgument;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsics;
import io.emrlaunch.stepfunctions.emr.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one EMR step as run-time values, so that {@code StepArgumentOverrides} can
 * replace whole tokens without a Lambda. A Pass state writes the static arguments as an object
 * keyed by the token itself ({@code {"--date": "--date", ...}}) to {@link #SCRATCH}{@code .Args};
 * the overrides for the step are shallow-merged over it with {@code States.JsonMerge}; the step's
 * {@code Args.$} is then {@code States.Array($.StepArgs.Args['tok1'], ...)}.
 *
 * <p>A token is looked up with bracket notation, which Step Functions (and moto) resolve for any
 * key without a quote or backslash; tokens with those, and empty tokens, go to {@code
 * .Fixed.a<index>} instead and cannot be overridden.
 */
public final class StepArguments {
  /** Where a step's arguments are kept while its Task state is prepared. */
  public static final String SCRATCH = "$.StepArgs";

  private final ObjectNode overridable = JsonNodeFactory.instance.objectNode();
  private final ObjectNode fixed = JsonNodeFactory.instance.objectNode();
  private final List<IntrinsicArgument> array = new ArrayList<>();

  /**
   * Lays out the arguments.
   *
   * @param args the step's static arguments
   * @param paths run-time arguments by index (they replace the static ones)
   */
  public StepArguments(List<String> args, Map<Integer, Arg> paths) {
    for (int i = 0; i < args.size(); i++) {
      Arg path = paths.get(i);
      String token = args.get(i);
      if (path != null) {
        array.add(Intrinsics.path(path.json().asText()));
      } else if (canBeKey(token)) {
        overridable.put(token, token);
        array.add(Intrinsics.path(SCRATCH + ".Args['" + token + "']"));
      } else {
        String key = "a" + i;
        fixed.put(key, token);
        array.add(Intrinsics.path(SCRATCH + ".Fixed." + key));
      }
    }
  }

  /**
   * Whether a token can be a key read with bracket notation.
   *
   * @param token the text
   * @return false for empty text and text with a quote or backslash
   */
  public static boolean canBeKey(String token) {
    return !token.isEmpty() && token.indexOf('\'') < 0 && token.indexOf('\\') < 0;
  }

  /** Whether a step name can be a key under {@code StepArgumentOverrides} (same rule). */
  public static boolean canBeOverrideKey(String stepName) {
    return canBeKey(stepName);
  }

  /** The Pass state's {@code Result}: {@code {"Args": {...}, "Fixed": {...}}}. */
  public ObjectNode staticResult() {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.set("Args", overridable.deepCopy());
    if (!fixed.isEmpty()) {
      r.set("Fixed", fixed.deepCopy());
    }
    return r;
  }

  /** Whether any token can be overridden. */
  public boolean hasOverridable() {
    return !overridable.isEmpty();
  }

  /** Whether any token is kept under {@code Fixed}. */
  public boolean hasFixed() {
    return !fixed.isEmpty();
  }

  /** {@code States.Array(...)} of every argument in order. */
  public Intrinsic arrayCall() {
    return Intrinsics.array(array.toArray(IntrinsicArgument[]::new));
  }
}

package io.emrlaunch.stepfunctions.asl.intrinsics;

import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.intrinsics.internal.IntrinsicParser;
import io.emrlaunch.stepfunctions.asl.intrinsics.internal.IntrinsicRules;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One intrinsic function call, e.g. {@code States.Format('Hello {}', $.name)}. Created through
 * {@link Intrinsics} or {@link #parse(String)}; arity and the documented argument limits are
 * checked on creation (a {@link ValidationException} lists every problem). Calls nest: a call is
 * itself an {@link IntrinsicArgument}.
 *
 * <p>Use the rendered text as the value of a payload field whose name ends in {@code .$}: {@code
 * "greeting.$": "States.Format('Hello {}', $.name)"}.
 *
 * @param function the function called
 * @param arguments the arguments, in order
 */
public record Intrinsic(IntrinsicFunction function, List<IntrinsicArgument> arguments)
    implements IntrinsicArgument {

  /** The most intrinsic calls the service allows within one field (nested calls included). */
  public static final int MAX_NESTED_CALLS = 10;

  /**
   * Creates and checks a call.
   *
   * @param function the function called
   * @param arguments the arguments, in order
   * @throws ValidationException listing every arity or argument problem
   */
  public Intrinsic {
    Objects.requireNonNull(function, "function");
    arguments = List.copyOf(arguments);
    IntrinsicRules.check(function, arguments);
  }

  /**
   * Reads an intrinsic call from its States Language text (the inverse of {@link #render()}). White
   * space around arguments is allowed; string literals must escape {@code ' { } \} with a
   * backslash, except the {@code {}} placeholders of a {@code States.Format} template.
   *
   * @param text e.g. {@code States.Hash($.data, 'SHA-256')}
   * @return the typed call
   * @throws ValidationException naming the character offset of a syntax error, or listing the
   *     argument problems of a well-formed but invalid call
   */
  public static Intrinsic parse(String text) {
    return IntrinsicParser.parse(text);
  }

  /**
   * Whether a payload value looks like an intrinsic call ({@code States.Name(...)}), as the service
   * decides for {@code .$} fields.
   *
   * @param text a payload value
   * @return true when the text starts with {@code States.} and has an opening parenthesis
   */
  public static boolean looksLikeIntrinsic(String text) {
    if (text == null) {
      return false;
    }
    String t = text.strip();
    return t.startsWith("States.") && t.indexOf('(') > 0;
  }

  /**
   * The number of intrinsic calls in this expression, this one included.
   *
   * @return at least 1
   */
  public int callCount() {
    int n = 1;
    for (IntrinsicArgument a : arguments) {
      if (a instanceof Intrinsic i) {
        n += i.callCount();
      }
    }
    return n;
  }

  @Override
  public String render() {
    return function.aslName()
        + arguments.stream()
            .map(IntrinsicArgument::render)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  @Override
  public String toString() {
    return render();
  }
}

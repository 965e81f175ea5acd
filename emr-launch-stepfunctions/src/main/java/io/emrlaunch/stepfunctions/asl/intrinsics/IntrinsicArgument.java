package io.emrlaunch.stepfunctions.asl.intrinsics;

/**
 * One argument of an intrinsic function call: a literal (string, number, boolean, null), a path
 * ({@code $.x}, {@code $$.Execution.Id}, {@code $myVariable}), a nested intrinsic call, or the
 * template of {@code States.Format}.
 */
public sealed interface IntrinsicArgument
    permits StringLiteral,
        NumberLiteral,
        BooleanLiteral,
        NullLiteral,
        PathArgument,
        FormatTemplate,
        Intrinsic {

  /**
   * The exact Amazon States Language text of this argument, with string literals quoted and
   * escaped.
   *
   * @return the ASL text
   */
  String render();

  /**
   * Whether the value is only known when the state runs (a path or a nested intrinsic call).
   *
   * @return true for paths and intrinsic calls
   */
  default boolean isDynamic() {
    return this instanceof PathArgument || this instanceof Intrinsic;
  }
}

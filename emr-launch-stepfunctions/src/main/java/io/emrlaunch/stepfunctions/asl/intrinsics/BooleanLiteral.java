package io.emrlaunch.stepfunctions.asl.intrinsics;

/**
 * A boolean literal argument ({@code true} or {@code false}).
 *
 * @param value the boolean
 */
public record BooleanLiteral(boolean value) implements IntrinsicArgument {

  @Override
  public String render() {
    return Boolean.toString(value);
  }

  @Override
  public String toString() {
    return render();
  }
}

package io.emrlaunch.stepfunctions.asl.intrinsics;

/** The {@code null} literal argument. */
public record NullLiteral() implements IntrinsicArgument {

  @Override
  public String render() {
    return "null";
  }

  @Override
  public String toString() {
    return render();
  }
}

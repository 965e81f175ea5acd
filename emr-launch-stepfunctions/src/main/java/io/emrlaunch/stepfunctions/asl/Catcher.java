package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** One entry of a state's {@code Catch}: which errors it handles and where it goes. */
@Value.Immutable
public interface Catcher extends WithCatcher {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this value's attributes, to change several of them at once.
   *
   * @return a new builder initialised from this value
   */
  default Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * Builds {@link Catcher} values: obtained from {@link Catcher#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableCatcher.Builder {
    Builder() {}
  }

  /** The errors caught ({@code States.ALL} for any). */
  List<String> errorEquals();

  /** The state to go to. */
  String next();

  /** Where the error output goes in the input (JSONPath). */
  Optional<JsonPath> resultPath();

  /** The state output when caught (JSONata). */
  Optional<JsonNode> output();

  /** Variables assigned when caught. */
  Map<String, JsonNode> assign();

  /** A human-readable note. */
  Optional<String> comment();
}

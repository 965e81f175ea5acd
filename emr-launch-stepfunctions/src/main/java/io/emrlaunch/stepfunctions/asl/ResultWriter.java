package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.immutables.value.Value;

/** Where a distributed Map writes the results of its child executions ({@code ResultWriter}). */
@Value.Immutable
public interface ResultWriter extends WithResultWriter {

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
   * Builds {@link ResultWriter} values: obtained from {@link ResultWriter#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableResultWriter.Builder {
    Builder() {}
  }

  /** The writing integration, e.g. {@code arn:aws:states:::s3:putObject}. */
  Optional<String> resource();

  /** The request (JSONPath). */
  Optional<JsonNode> parameters();

  /** The request (JSONata). */
  Optional<JsonNode> arguments();

  /** How results are shaped. */
  Optional<WriterConfig> writerConfig();
}

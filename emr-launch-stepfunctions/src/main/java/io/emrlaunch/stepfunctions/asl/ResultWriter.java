package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.immutables.value.Value;

/** Where a distributed Map writes the results of its child executions ({@code ResultWriter}). */
@Value.Immutable
public interface ResultWriter {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static ImmutableResultWriter.Builder builder() {
    return ImmutableResultWriter.builder();
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

package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.immutables.value.Value;

/** Where a distributed Map reads its items from ({@code ItemReader}), e.g. S3. */
@Value.Immutable
public interface ItemReader {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static ImmutableItemReader.Builder builder() {
    return ImmutableItemReader.builder();
  }

  /** The reading integration, e.g. {@code arn:aws:states:::s3:getObject}. */
  String resource();

  /** How the source is read. */
  Optional<ReaderConfig> readerConfig();

  /** The request (JSONPath). */
  Optional<JsonNode> parameters();

  /** The request (JSONata). */
  Optional<JsonNode> arguments();
}

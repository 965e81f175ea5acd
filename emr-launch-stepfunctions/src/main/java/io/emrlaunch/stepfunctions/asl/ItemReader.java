package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.immutables.value.Value;

/** Where a distributed Map reads its items from ({@code ItemReader}), e.g. S3. */
@Value.Immutable
public interface ItemReader extends WithItemReader {

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
   * Builds {@link ItemReader} values: obtained from {@link ItemReader#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableItemReader.Builder {
    Builder() {}
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

package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.immutables.value.Value;

/** How a distributed Map groups items into batches ({@code ItemBatcher}). */
@Value.Immutable
public interface ItemBatcher {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static ImmutableItemBatcher.Builder builder() {
    return ImmutableItemBatcher.builder();
  }

  /** At most this many items per batch. */
  Optional<NumberOrJsonata> maxItemsPerBatch();

  /** At most the number at this path per batch. */
  Optional<JsonPath> maxItemsPerBatchPath();

  /** At most this many bytes per batch (up to 256 KiB). */
  Optional<NumberOrJsonata> maxInputBytesPerBatch();

  /** At most the number of bytes at this path per batch. */
  Optional<JsonPath> maxInputBytesPerBatchPath();

  /** A fixed JSON object given to every batch. */
  Optional<JsonNode> batchInput();
}

package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.immutables.value.Value;

/** How a distributed Map groups items into batches ({@code ItemBatcher}). */
@Value.Immutable
public interface ItemBatcher extends WithItemBatcher {

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
   * Builds {@link ItemBatcher} values: obtained from {@link ItemBatcher#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableItemBatcher.Builder {
    Builder() {}
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

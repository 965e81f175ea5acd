package io.emrlaunch.core.repository;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One page of a namespace listing. Pass {@link #nextPageToken()} to {@link
 * RecordRepository#listPage(String, String)} for the next page.
 *
 * @param <T> the value type
 */
@Value.Immutable
public interface RecordPage<T> extends WithRecordPage<T> {

  /**
   * A builder.
   *
   * @param <T> the value type
   * @return a new builder
   */
  static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /**
   * A builder holding this value's attributes, to change several of them at once.
   *
   * @return a new builder initialised from this value
   */
  default Builder<T> toBuilder() {
    return RecordPage.<T>builder().from(this);
  }

  /**
   * Builds {@link RecordPage} values: obtained from {@link RecordPage#builder()} or {@link
   * #toBuilder()}.
   *
   * @param <T> the value type
   */
  final class Builder<T> extends ImmutableRecordPage.Builder<T> {
    Builder() {}
  }

  /**
   * The records of this page (a page may be empty and still have a next page).
   *
   * @return the records
   */
  List<StoredRecord<T>> records();

  /**
   * The token of the next page.
   *
   * @return the token; empty on the last page
   */
  Optional<String> nextPageToken();
}

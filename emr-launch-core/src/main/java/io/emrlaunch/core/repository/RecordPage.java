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
public interface RecordPage<T> {

  /**
   * A builder.
   *
   * @param <T> the value type
   * @return a new builder
   */
  static <T> ImmutableRecordPage.Builder<T> builder() {
    return ImmutableRecordPage.builder();
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

package io.emrlaunch.core.repository;

import io.emrlaunch.core.model.RecordRef;

/** A record's stored form exceeds the store's size limit; nothing was written. */
public class RecordTooLargeException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  private final transient RecordRef ref;
  private final int size;
  private final int limit;

  /**
   * Creates the exception.
   *
   * @param kind the kind written
   * @param ref the record written
   * @param size the size of the stored form, in bytes
   * @param limit the store's limit, in bytes
   */
  public RecordTooLargeException(RecordKind<?> kind, RecordRef ref, int size, int limit) {
    super(
        kind.displayName()
            + " '"
            + ref.name()
            + "' in namespace '"
            + ref.namespace()
            + "' is "
            + size
            + " bytes stored, over the limit of "
            + limit
            + " bytes; nothing was written. Split it (for example move bootstrap actions or"
            + " configurations into a separate artifact) or shorten it");
    this.ref = ref;
    this.size = size;
    this.limit = limit;
  }

  /**
   * The record written.
   *
   * @return the reference
   */
  public RecordRef ref() {
    return ref;
  }

  /**
   * The size of the stored form.
   *
   * @return bytes
   */
  public int size() {
    return size;
  }

  /**
   * The store's limit.
   *
   * @return bytes
   */
  public int limit() {
    return limit;
  }
}

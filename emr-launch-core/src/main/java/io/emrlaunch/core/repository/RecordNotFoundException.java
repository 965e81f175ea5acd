package io.emrlaunch.core.repository;

import io.emrlaunch.core.model.RecordRef;

/** The record (or the selected version or label of it) does not exist. */
public class RecordNotFoundException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  private final transient RecordKind<?> kind;
  private final transient RecordRef ref;
  private final transient VersionSelector selector;

  /**
   * Creates the exception.
   *
   * @param kind the kind looked for
   * @param ref the namespace and name looked for
   * @param selector the version looked for
   */
  public RecordNotFoundException(RecordKind<?> kind, RecordRef ref, VersionSelector selector) {
    super(
        kind.displayName()
            + " '"
            + ref.name()
            + "' in namespace '"
            + ref.namespace()
            + "' not found"
            + (selector.isLatest() ? "" : " (" + selector + ")"));
    this.kind = kind;
    this.ref = ref;
    this.selector = selector;
  }

  /**
   * The kind looked for.
   *
   * @return the kind
   */
  public RecordKind<?> kind() {
    return kind;
  }

  /**
   * The namespace and name looked for.
   *
   * @return the reference
   */
  public RecordRef ref() {
    return ref;
  }

  /**
   * The version looked for.
   *
   * @return the selector
   */
  public VersionSelector selector() {
    return selector;
  }
}

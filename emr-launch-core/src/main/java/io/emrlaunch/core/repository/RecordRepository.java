package io.emrlaunch.core.repository;

import io.emrlaunch.core.Futures;
import io.emrlaunch.core.model.RecordRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Stores one kind of record by {@code (namespace, name)}. Every method returns a future that fails
 * with this package's typed exceptions; invalid names or values fail with a {@link
 * io.emrlaunch.core.validation.ValidationException} before anything reaches the store.
 *
 * <pre>{@code
 * RecordRepository<EmrProfile> profiles = store.profiles();
 * StoredRecord<EmrProfile> saved = profiles.create(profile).join();
 * StoredRecord<EmrProfile> read = profiles.get(RecordRef.of("team-a", "analytics")).join();
 * profiles.save(read.value().withDescription("v2"), WriteCondition.version(read.version())).join();
 * }</pre>
 *
 * @param <T> the value type
 */
public interface RecordRepository<T> {

  /**
   * The kind of record stored.
   *
   * @return the kind
   */
  RecordKind<T> kind();

  /**
   * Saves a value under its own {@code (namespace, name)} if the condition holds.
   *
   * @param value a valid value
   * @param condition when the save may go ahead
   * @return the stored record with its new version; fails with {@link RecordConflictException} when
   *     the condition does not hold, {@link RecordTooLargeException} when the value is too large
   */
  CompletableFuture<StoredRecord<T>> save(T value, WriteCondition condition);

  /**
   * Saves a value, overwriting any stored version.
   *
   * @param value a valid value
   * @return the stored record
   */
  default CompletableFuture<StoredRecord<T>> save(T value) {
    return save(value, WriteCondition.any());
  }

  /**
   * Saves a value that must not exist yet.
   *
   * @param value a valid value
   * @return the stored record (version 1); fails with {@link RecordConflictException} if it exists
   */
  default CompletableFuture<StoredRecord<T>> create(T value) {
    return save(value, WriteCondition.absent());
  }

  /**
   * Reads a version of a record.
   *
   * @param ref the namespace and name
   * @param selector the version to read
   * @return the record; fails with {@link RecordNotFoundException} when absent
   */
  CompletableFuture<StoredRecord<T>> get(RecordRef ref, VersionSelector selector);

  /**
   * Reads the latest version of a record.
   *
   * @param ref the namespace and name
   * @return the record; fails with {@link RecordNotFoundException} when absent
   */
  default CompletableFuture<StoredRecord<T>> get(RecordRef ref) {
    return get(ref, VersionSelector.latest());
  }

  /**
   * Reads the latest version of a record, if it exists.
   *
   * @param ref the namespace and name
   * @return the record, or empty when absent
   */
  default CompletableFuture<Optional<StoredRecord<T>>> find(RecordRef ref) {
    return get(ref)
        .handle(
            (r, e) -> {
              if (e == null) {
                return Optional.of(r);
              }
              Throwable cause = Futures.unwrap(e);
              if (cause instanceof RecordNotFoundException) {
                return Optional.<StoredRecord<T>>empty();
              }
              throw Futures.rethrowable(cause);
            });
  }

  /**
   * Reads one page of a namespace.
   *
   * @param namespace the namespace
   * @param pageToken the previous page's {@link RecordPage#nextPageToken()}, or null for the first
   * @return the page
   */
  CompletableFuture<RecordPage<T>> listPage(String namespace, String pageToken);

  /**
   * Hands every record of a namespace to an action, page by page, without collecting them.
   *
   * @param namespace the namespace
   * @param action called once per record, in name order within a page
   * @return completes after the last page
   */
  default CompletableFuture<Void> forEach(
      String namespace, Consumer<? super StoredRecord<T>> action) {
    return forEachFrom(this, namespace, null, action);
  }

  /**
   * Reads every record of a namespace (all pages).
   *
   * @param namespace the namespace
   * @return the records; empty when the namespace has none
   */
  default CompletableFuture<List<StoredRecord<T>>> list(String namespace) {
    List<StoredRecord<T>> all = new ArrayList<>();
    return forEach(namespace, all::add).thenApply(v -> List.copyOf(all));
  }

  /**
   * The namespaces holding at least one record of this kind.
   *
   * @return the namespaces, sorted
   */
  CompletableFuture<List<String>> namespaces();

  /**
   * Deletes a record and its whole history.
   *
   * @param ref the namespace and name
   * @return true when it existed
   */
  CompletableFuture<Boolean> delete(RecordRef ref);

  /**
   * The versions of a record, oldest first (the store may keep only the newest ones: SSM keeps
   * 100).
   *
   * @param ref the namespace and name
   * @return the versions; fails with {@link RecordNotFoundException} when absent
   */
  CompletableFuture<List<RecordVersion>> history(RecordRef ref);

  /**
   * Puts labels on a version (moving them from any other version), so it can be read with {@link
   * VersionSelector#label(String)}.
   *
   * @param ref the namespace and name
   * @param version the version to label
   * @param labels one or more labels
   * @return completes when labelled
   */
  CompletableFuture<Void> label(RecordRef ref, long version, List<String> labels);

  /**
   * The blocking form of this repository.
   *
   * @return a view whose methods wait and throw this package's exceptions directly
   */
  default BlockingRecordRepository<T> blocking() {
    return new BlockingRecordRepository<>(this);
  }

  private static <T> CompletableFuture<Void> forEachFrom(
      RecordRepository<T> repo,
      String namespace,
      String token,
      Consumer<? super StoredRecord<T>> action) {
    return repo.listPage(namespace, token)
        .thenCompose(
            page -> {
              page.records().forEach(action);
              return page.nextPageToken()
                  .map(next -> forEachFrom(repo, namespace, next, action))
                  .orElse(CompletableFuture.completedFuture(null));
            });
  }
}

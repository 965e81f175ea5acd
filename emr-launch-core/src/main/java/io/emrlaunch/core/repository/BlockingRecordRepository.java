package io.emrlaunch.core.repository;

import io.emrlaunch.core.Futures;
import io.emrlaunch.core.model.RecordRef;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The blocking form of a {@link RecordRepository}: each method waits for the asynchronous one and
 * throws its typed exception ({@link RecordNotFoundException}, {@link RecordConflictException},
 * ...) directly rather than wrapped in a {@code CompletionException}.
 *
 * @param <T> the value type
 */
public final class BlockingRecordRepository<T> {
  private final RecordRepository<T> async;

  /**
   * Wraps an asynchronous repository.
   *
   * @param async the repository
   */
  public BlockingRecordRepository(RecordRepository<T> async) {
    this.async = Objects.requireNonNull(async, "async");
  }

  /**
   * The asynchronous repository behind this view.
   *
   * @return the repository
   */
  public RecordRepository<T> async() {
    return async;
  }

  /**
   * See {@link RecordRepository#save(Object, WriteCondition)}.
   *
   * @param value the value
   * @param condition when the save may go ahead
   * @return the stored record
   */
  public StoredRecord<T> save(T value, WriteCondition condition) {
    return join(async.save(value, condition));
  }

  /**
   * See {@link RecordRepository#save(Object)}.
   *
   * @param value the value
   * @return the stored record
   */
  public StoredRecord<T> save(T value) {
    return join(async.save(value));
  }

  /**
   * See {@link RecordRepository#create(Object)}.
   *
   * @param value the value
   * @return the stored record
   */
  public StoredRecord<T> create(T value) {
    return join(async.create(value));
  }

  /**
   * See {@link RecordRepository#get(RecordRef)}.
   *
   * @param ref the namespace and name
   * @return the record
   */
  public StoredRecord<T> get(RecordRef ref) {
    return join(async.get(ref));
  }

  /**
   * See {@link RecordRepository#get(RecordRef, VersionSelector)}.
   *
   * @param ref the namespace and name
   * @param selector the version
   * @return the record
   */
  public StoredRecord<T> get(RecordRef ref, VersionSelector selector) {
    return join(async.get(ref, selector));
  }

  /**
   * See {@link RecordRepository#find(RecordRef)}.
   *
   * @param ref the namespace and name
   * @return the record, or empty
   */
  public Optional<StoredRecord<T>> find(RecordRef ref) {
    return join(async.find(ref));
  }

  /**
   * See {@link RecordRepository#list(String)}.
   *
   * @param namespace the namespace
   * @return every record
   */
  public List<StoredRecord<T>> list(String namespace) {
    return join(async.list(namespace));
  }

  /**
   * Streams a namespace lazily: a page is fetched when the stream reaches it.
   *
   * @param namespace the namespace
   * @return the records
   */
  public Stream<StoredRecord<T>> stream(String namespace) {
    Iterator<StoredRecord<T>> it = new PageIterator(namespace);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * See {@link RecordRepository#namespaces()}.
   *
   * @return the namespaces
   */
  public List<String> namespaces() {
    return join(async.namespaces());
  }

  /**
   * See {@link RecordRepository#delete(RecordRef)}.
   *
   * @param ref the namespace and name
   * @return true when it existed
   */
  public boolean delete(RecordRef ref) {
    return join(async.delete(ref));
  }

  /**
   * See {@link RecordRepository#history(RecordRef)}.
   *
   * @param ref the namespace and name
   * @return the versions, oldest first
   */
  public List<RecordVersion> history(RecordRef ref) {
    return join(async.history(ref));
  }

  /**
   * See {@link RecordRepository#label(RecordRef, long, List)}.
   *
   * @param ref the namespace and name
   * @param version the version
   * @param labels the labels
   */
  public void label(RecordRef ref, long version, List<String> labels) {
    join(async.label(ref, version, labels));
  }

  private static <R> R join(CompletableFuture<R> future) {
    try {
      return future.join();
    } catch (RuntimeException e) {
      throw Futures.rethrowable(Futures.unwrap(e));
    }
  }

  private final class PageIterator implements Iterator<StoredRecord<T>> {
    private final String namespace;
    private Iterator<StoredRecord<T>> current = List.<StoredRecord<T>>of().iterator();
    private Optional<String> next = Optional.empty();
    private boolean started;

    PageIterator(String namespace) {
      this.namespace = namespace;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && (!started || next.isPresent())) {
        RecordPage<T> page = join(async.listPage(namespace, next.orElse(null)));
        started = true;
        current = page.records().iterator();
        next = page.nextPageToken();
      }
      return current.hasNext();
    }

    @Override
    public StoredRecord<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}

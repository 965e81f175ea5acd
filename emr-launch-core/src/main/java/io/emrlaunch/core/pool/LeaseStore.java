package io.emrlaunch.core.pool;

import io.emrlaunch.core.pool.internal.InMemoryLeaseStore;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where a {@link ClusterPool} keeps its claims: named text records with an atomic create-if-absent.
 * The SSM adapter ({@code io.emrlaunch.ssm.SsmLeaseStore}) maps {@link #create} to {@code
 * PutParameter} with {@code Overwrite=false}; every process sharing a pool must use the same store.
 * Names are slash-separated paths of letters, digits, {@code -}, {@code _} and {@code .}.
 *
 * <p>Contract the pool's safety rests on: {@link #create} succeeds for exactly one caller per name
 * while the record exists, and {@link #list} made after a create completed sees it.
 */
public interface LeaseStore {

  /**
   * A store in this process's memory: for a pool used by one JVM only, and for tests.
   *
   * @return a new, empty store
   */
  static LeaseStore inMemory() {
    return new InMemoryLeaseStore();
  }

  /**
   * Every record whose name starts with {@code prefix} (recursively).
   *
   * @param prefix a path ending with {@code /}
   * @return completes with name → value
   */
  CompletableFuture<Map<String, String>> list(String prefix);

  /**
   * Creates a record if none has this name, atomically.
   *
   * @param name the record's name
   * @param value its value
   * @return completes with true when this call created it, false when it already existed
   */
  CompletableFuture<Boolean> create(String name, String value);

  /**
   * Replaces a record's value (the pool only overwrites records it created itself).
   *
   * @param name the record's name
   * @param value its new value
   * @return completes when stored
   */
  CompletableFuture<Void> overwrite(String name, String value);

  /**
   * Deletes records; names that do not exist are ignored.
   *
   * @param names the names
   * @return completes when deleted
   */
  CompletableFuture<Void> delete(Collection<String> names);
}

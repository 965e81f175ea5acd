package io.emrlaunch.ssm.internal;

import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.RecordConflictException;
import io.emrlaunch.core.repository.RecordFormat;
import io.emrlaunch.core.repository.RecordKind;
import io.emrlaunch.core.repository.RecordPage;
import io.emrlaunch.core.repository.RecordRepository;
import io.emrlaunch.core.repository.RecordVersion;
import io.emrlaunch.core.repository.RepositoryException;
import io.emrlaunch.core.repository.StoredRecord;
import io.emrlaunch.core.repository.UnreadableRecordException;
import io.emrlaunch.core.repository.VersionSelector;
import io.emrlaunch.core.repository.WriteCondition;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

/**
 * One kind of record on SSM Parameter Store.
 *
 * <p>Optimistic locking: SSM has no conditional put, so a save expecting version {@code e} holds
 * the record's write lock ({@link WriteLocks}, a lease on a lock parameter) while it reads the
 * record's history, checks that the current version is {@code e} and puts, confirming right before
 * the put that it still holds the lease. Every call under the lock is bounded by what is left of
 * the lease ({@code apiCallTimeout}); a put not answered within it is not acknowledged. Each put
 * names the version it means to sit on in its description ({@link VersionChain}). The save is
 * acknowledged only when the put answered {@code e + 1}, or the history shows nothing between
 * {@code e} and our version but copies of our value (SDK retries) and late writes. Otherwise
 * another writer (one that does not lock, or a second holder after a lock was lost) got in between:
 * its value goes back on top and the save fails with a conflict naming the history version that
 * holds its own value. A put that landed after its writer gave up, on top of a version that writer
 * never saw, is found by the next versioned save, which restores the value it buried and conflicts.
 *
 * @param <T> the value type
 */
public final class SsmRecordRepository<T> implements RecordRepository<T> {
  private final RecordKind<T> kind;
  private final RecordCodecs<T> codecs;
  private final SsmSettings s;
  private final WriteLocks locks;

  /** Creates the repository of one kind. */
  public SsmRecordRepository(RecordKind<T> kind, RecordCodecs<T> codecs, SsmSettings settings) {
    this.kind = kind;
    this.codecs = codecs;
    this.s = settings;
    this.locks = new WriteLocks(settings);
  }

  @Override
  public RecordKind<T> kind() {
    return kind;
  }

  /** The parameter name of a record. */
  public String parameterName(RecordRef ref) {
    return s.layout().parameterName(kind, ref.namespace(), ref.name());
  }

  // ---------------------------------------------------------------- save

  @Override
  public CompletableFuture<StoredRecord<T>> save(T value, WriteCondition condition) {
    Objects.requireNonNull(condition, "condition");
    return start(
        () -> {
          RecordRef ref = kind.refOf(value);
          List<io.emrlaunch.core.validation.Problem> problems = kind.problemsOf(value);
          if (!problems.isEmpty()) {
            throw new ValidationException(problems);
          }
          String text = codecs.write(value);
          ParameterTier tier = Tiers.tierFor(kind, ref, text);
          String name = parameterName(ref);
          s.cache().invalidate(name);
          CompletableFuture<StoredRecord<T>> saved;
          if (condition.isAny()) {
            saved = put(name, text, tier, true).thenApply(v -> stored(ref, value, v));
          } else if (condition.isAbsent()) {
            saved = createOnly(ref, name, value, text, tier);
          } else {
            saved =
                locks.withLock(
                    kind,
                    ref,
                    condition,
                    lease -> replaceVersion(ref, name, value, text, tier, condition, lease));
          }
          return saved
              .whenComplete((r, e) -> s.cache().invalidate(name))
              .exceptionally(
                  e -> {
                    throw SsmFailures.onRecord(
                        e, "saving", kind, ref, VersionSelector.latest(), name);
                  });
        });
  }

  private CompletableFuture<StoredRecord<T>> createOnly(
      RecordRef ref, String name, T value, String text, ParameterTier tier) {
    return put(name, text, tier, false)
        .thenApply(v -> stored(ref, value, v))
        .exceptionallyCompose(
            e -> {
              if (!SsmFailures.isAlreadyExists(e)) {
                return CompletableFuture.failedFuture(e);
              }
              // Either another writer created it, or our own earlier attempt did and its response
              // was lost: version 1 holding exactly our text is ours.
              return readRaw(name, true)
                  .thenApply(
                      p -> {
                        if (p.version() == 1 && text.equals(p.value())) {
                          return stored(ref, value, p.version());
                        }
                        throw new RecordConflictException(
                            kind,
                            ref,
                            WriteCondition.absent(),
                            p.version(),
                            0,
                            "it already exists at version "
                                + p.version()
                                + "; nothing was written");
                      });
            });
  }

  private CompletableFuture<StoredRecord<T>> replaceVersion(
      RecordRef ref,
      String name,
      T value,
      String text,
      ParameterTier tier,
      WriteCondition c,
      WriteLocks.Lease lease) {
    long expected = c.expectedVersion().getAsLong();
    String token = UUID.randomUUID().toString();
    return historyRaw(name, true, lease.remaining())
        .handle(
            (versions, e) -> {
              if ((e != null && SsmFailures.isNotFound(e)) || (e == null && versions.isEmpty())) {
                throw new RecordConflictException(
                    kind, ref, c, 0, 0, "it does not exist (deleted?); nothing was written");
              }
              if (e != null) {
                throw SsmFailures.onRecord(e, "saving", kind, ref, VersionSelector.latest(), name);
              }
              return new VersionChain(versions);
            })
        .thenCompose(
            chain -> {
              ParameterHistory latest = chain.latest().orElseThrow();
              if (chain.isLate(latest.version())) {
                return repair(ref, name, c, chain, latest, lease, token);
              }
              if (latest.version() != expected) {
                throw new RecordConflictException(
                    kind,
                    ref,
                    c,
                    latest.version(),
                    0,
                    "another writer saved version " + latest.version() + "; nothing was written");
              }
              return lease
                  .confirm()
                  .thenCompose(
                      held -> {
                        if (!held) {
                          throw new RecordConflictException(
                              kind,
                              ref,
                              c,
                              latest.version(),
                              0,
                              "its write lock expired before the write and another writer took it"
                                  + " over; nothing was written");
                        }
                        return leasedPut(
                            ref,
                            name,
                            text,
                            tier,
                            VersionChain.description(token, expected),
                            lease.remaining());
                      })
                  .thenCompose(
                      written ->
                          written == expected + 1
                              ? CompletableFuture.completedFuture(stored(ref, value, written))
                              : resolveRace(ref, name, value, c, written, lease, token));
            });
  }

  /**
   * The newest version is a write that landed late, on top of a version its writer never saw (it
   * had given up: its call outlived its lease): put the newest version that is not late back on top
   * and fail with a conflict. Nothing of this save is written.
   */
  private CompletableFuture<StoredRecord<T>> repair(
      RecordRef ref,
      String name,
      WriteCondition c,
      VersionChain chain,
      ParameterHistory latest,
      WriteLocks.Lease lease,
      String token) {
    long n = latest.version();
    Optional<ParameterHistory> buried = chain.newestInOrderBetween(0, n);
    if (buried.isEmpty()) {
      throw new RecordConflictException(
          kind,
          ref,
          c,
          n,
          0,
          "version "
              + n
              + " landed after its writer had given up and the value it buried is no longer in the"
              + " history; nothing was written");
    }
    ParameterHistory good = buried.get();
    return lease
        .confirm()
        .thenCompose(
            held -> {
              if (!held) {
                throw new RecordConflictException(
                    kind,
                    ref,
                    c,
                    n,
                    0,
                    "version "
                        + n
                        + " landed after its writer had given up, and this save's write lock"
                        + " expired before version "
                        + good.version()
                        + " could be restored; nothing was written");
              }
              return leasedPut(
                  ref,
                  name,
                  good.value(),
                  tierOf(ref, good),
                  VersionChain.description(token + "/restore", n),
                  lease.remaining());
            })
        .thenApply(
            restored -> {
              throw new RecordConflictException(
                  kind,
                  ref,
                  c,
                  restored,
                  0,
                  "version "
                      + n
                      + " is a write that landed after its writer had given up, on top of version "
                      + good.version()
                      + " which it had not seen; version "
                      + good.version()
                      + "'s value was restored as version "
                      + restored
                      + "; nothing of this save was written");
            });
  }

  /**
   * Our put did not answer {@code expected + 1}: verify the chain. It is ours when every version in
   * between is a copy of our put (an SDK retry) or a write that landed late; otherwise another
   * writer saved in between, and its value goes back on top.
   */
  private CompletableFuture<StoredRecord<T>> resolveRace(
      RecordRef ref,
      String name,
      T value,
      WriteCondition c,
      long written,
      WriteLocks.Lease lease,
      String token) {
    long expected = c.expectedVersion().getAsLong();
    return historyRaw(name, true, lease.remaining())
        .thenCompose(
            versions -> {
              VersionChain chain = new VersionChain(versions);
              Optional<ParameterHistory> winner = chain.newestInOrderBetween(expected, written);
              if (!chain.isLate(written)) {
                // Only copies of our own put (SDK retries) and late writes landed in between.
                return CompletableFuture.completedFuture(stored(ref, value, written));
              }
              if (winner.isEmpty()) {
                throw new RecordConflictException(
                    kind,
                    ref,
                    c,
                    written,
                    written,
                    "another writer saved in between and its version is no longer in the history;"
                        + " this save's value is version "
                        + written);
              }
              ParameterHistory w = winner.get();
              return lease
                  .confirm()
                  .thenCompose(
                      held -> {
                        if (!held) {
                          // Putting the old winner back now could bury a newer holder's write.
                          throw new RecordConflictException(
                              kind,
                              ref,
                              c,
                              written,
                              written,
                              "another writer saved version "
                                  + w.version()
                                  + " first, and this save's write lock expired before that"
                                  + " value could be restored; this save's value is version "
                                  + written);
                        }
                        return leasedPut(
                            ref,
                            name,
                            w.value(),
                            tierOf(ref, w),
                            VersionChain.description(token + "/restore", written),
                            lease.remaining());
                      })
                  .thenApply(
                      restored -> {
                        throw new RecordConflictException(
                            kind,
                            ref,
                            c,
                            restored,
                            written,
                            "another writer saved version "
                                + w.version()
                                + " first; its value was restored as version "
                                + restored
                                + " and this save's value is kept in the history as version "
                                + written);
                      });
            });
  }

  private ParameterTier tierOf(RecordRef ref, ParameterHistory h) {
    return h.tier() == ParameterTier.ADVANCED
        ? ParameterTier.ADVANCED
        : Tiers.tierFor(kind, ref, h.value());
  }

  /**
   * A put under the write lock, bounded by what is left of the lease. A put the client gave up on
   * is not acknowledged: it may still land, and if it lands on top of another writer's save, the
   * next versioned save finds it late ({@link VersionChain}) and restores the value it buried.
   */
  private CompletableFuture<Long> leasedPut(
      RecordRef ref,
      String name,
      String text,
      ParameterTier tier,
      String description,
      Duration bound) {
    return put(name, text, tier, true, description, bound)
        .exceptionally(
            e -> {
              if (SsmFailures.unwrap(e) instanceof ApiCallTimeoutException) {
                throw new RepositoryException(
                    "saving "
                        + kind.displayName()
                        + " '"
                        + ref.name()
                        + "' in namespace '"
                        + ref.namespace()
                        + "' (parameter "
                        + name
                        + "): SSM did not answer the write within the "
                        + bound.toMillis()
                        + " ms left of its write lock; the save is not acknowledged. The write may"
                        + " still land: if another writer saved meanwhile, the next versioned save"
                        + " detects the late write and restores that writer's value",
                    SsmFailures.unwrap(e));
              }
              throw e instanceof CompletionException ce ? ce : new CompletionException(e);
            });
  }

  private CompletableFuture<Long> put(
      String name, String text, ParameterTier tier, boolean overwrite) {
    return put(name, text, tier, overwrite, null, null);
  }

  private CompletableFuture<Long> put(
      String name,
      String text,
      ParameterTier tier,
      boolean overwrite,
      String description,
      Duration bound) {
    CompletableFuture<Long> first = putOnce(name, text, tier, overwrite, description, bound);
    if (tier != ParameterTier.STANDARD) {
      return first;
    }
    // SSM never moves a parameter down from Advanced; a smaller value stays Advanced.
    return first.exceptionallyCompose(
        e ->
            SsmFailures.isTierDowngrade(e)
                ? putOnce(name, text, ParameterTier.ADVANCED, overwrite, description, bound)
                : CompletableFuture.failedFuture(e));
  }

  private CompletableFuture<Long> putOnce(
      String name,
      String text,
      ParameterTier tier,
      boolean overwrite,
      String description,
      Duration bound) {
    PutParameterRequest.Builder b =
        PutParameterRequest.builder()
            .name(name)
            .value(text)
            .tier(tier)
            .overwrite(overwrite)
            .type(s.secure() ? ParameterType.SECURE_STRING : ParameterType.STRING);
    if (s.secure() && s.kmsKeyId() != null) {
      b.keyId(s.kmsKeyId());
    }
    if (description != null) {
      b.description(description);
    }
    if (bound != null) {
      b.overrideConfiguration(o -> o.apiCallTimeout(bound));
    }
    return s.client().putParameter(b.build()).thenApply(r -> r.version());
  }

  // ---------------------------------------------------------------- reads

  @Override
  public CompletableFuture<StoredRecord<T>> get(RecordRef ref, VersionSelector selector) {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(selector, "selector");
    String name = parameterName(ref);
    if (selector.isLatest()) {
      Optional<StoredRecord<T>> cached = s.cache().get(name);
      if (cached.isPresent()) {
        return CompletableFuture.completedFuture(cached.get());
      }
    }
    String selected =
        selector.isLatest()
            ? name
            : name
                + ":"
                + selector
                    .labelName()
                    .orElseGet(() -> Long.toString(selector.versionNumber().getAsLong()));
    long epoch = s.cache().epoch();
    return start(
        () ->
            s.client()
                .getParameter(r -> r.name(selected).withDecryption(true))
                .thenApply(
                    resp -> {
                      StoredRecord<T> rec = decode(ref, resp.parameter());
                      if (selector.isLatest()) {
                        s.cache().put(name, rec, epoch);
                      }
                      return rec;
                    })
                .exceptionally(
                    e -> {
                      throw SsmFailures.onRecord(e, "reading", kind, ref, selector, selected);
                    }));
  }

  @Override
  public CompletableFuture<RecordPage<T>> listPage(String namespace, String pageToken) {
    return start(
        () -> {
          checkNamespace(namespace);
          String folder = s.layout().folder(kind, namespace);
          long epoch = s.cache().epoch();
          return s.client()
              .getParametersByPath(
                  r ->
                      r.path(folder)
                          .recursive(false)
                          .withDecryption(true)
                          .maxResults(s.pageSize())
                          .nextToken(pageToken))
              .thenApply(resp -> page(namespace, resp, epoch))
              .exceptionally(
                  e -> {
                    throw SsmFailures.generic(
                        e, "listing " + kind.displayName() + "s in namespace '" + namespace + "'");
                  });
        });
  }

  private RecordPage<T> page(String namespace, GetParametersByPathResponse resp, long epoch) {
    List<StoredRecord<T>> records = new ArrayList<>();
    for (Parameter p : resp.parameters()) {
      String recordName = p.name().substring(p.name().lastIndexOf('/') + 1);
      RecordRef ref = RecordRef.of(namespace, recordName);
      StoredRecord<T> rec = decode(ref, p);
      s.cache().put(p.name(), rec, epoch);
      records.add(rec);
    }
    String next = resp.nextToken();
    return RecordPage.<T>builder()
        .records(records)
        .nextPageToken(next == null || next.isEmpty() ? Optional.empty() : Optional.of(next))
        .build();
  }

  @Override
  public CompletableFuture<List<String>> namespaces() {
    String kindFolder = s.layout().kindFolder(kind);
    TreeSet<String> found = new TreeSet<>();
    return start(() -> collectNamespaces(kindFolder, null, found))
        .thenApply(v -> List.copyOf(found))
        .exceptionally(
            e -> {
              throw SsmFailures.generic(e, "listing " + kind.displayName() + " namespaces");
            });
  }

  private CompletableFuture<Void> collectNamespaces(
      String kindFolder, String token, TreeSet<String> found) {
    // Metadata is enough: no decryption, so no KMS permission is needed to list namespaces.
    return s.client()
        .getParametersByPath(
            r ->
                r.path(kindFolder)
                    .recursive(true)
                    .withDecryption(false)
                    .maxResults(10)
                    .nextToken(token))
        .thenCompose(
            resp -> {
              String prefix = kindFolder + "/";
              for (Parameter p : resp.parameters()) {
                if (!p.name().startsWith(prefix)) {
                  continue;
                }
                String rest = p.name().substring(prefix.length());
                int slash = rest.indexOf('/');
                // Only records at exactly <namespace>/<name>, as the layout writes them.
                if (slash > 0 && rest.indexOf('/', slash + 1) < 0) {
                  found.add(rest.substring(0, slash));
                }
              }
              String next = resp.nextToken();
              return next == null || next.isEmpty()
                  ? CompletableFuture.completedFuture(null)
                  : collectNamespaces(kindFolder, next, found);
            });
  }

  @Override
  public CompletableFuture<Boolean> delete(RecordRef ref) {
    Objects.requireNonNull(ref, "ref");
    String name = parameterName(ref);
    s.cache().invalidate(name);
    return start(
        () ->
            s.client()
                .deleteParameter(r -> r.name(name))
                .thenApply(r -> true)
                .exceptionally(
                    e -> {
                      if (SsmFailures.isNotFound(e)) {
                        return false;
                      }
                      throw SsmFailures.onRecord(
                          e, "deleting", kind, ref, VersionSelector.latest(), name);
                    })
                .whenComplete((r, e) -> s.cache().invalidate(name)));
  }

  @Override
  public CompletableFuture<List<RecordVersion>> history(RecordRef ref) {
    Objects.requireNonNull(ref, "ref");
    String name = parameterName(ref);
    return start(
        () ->
            historyRaw(name, false)
                .thenApply(
                    hs ->
                        hs.stream()
                            .<RecordVersion>map(
                                h ->
                                    RecordVersion.builder()
                                        .version(h.version())
                                        .lastModified(Optional.ofNullable(h.lastModifiedDate()))
                                        .modifiedBy(Optional.ofNullable(h.lastModifiedUser()))
                                        .labels(h.hasLabels() ? h.labels() : List.of())
                                        .tier(Optional.ofNullable(h.tierAsString()))
                                        .build())
                            .toList())
                .exceptionally(
                    e -> {
                      throw SsmFailures.onRecord(
                          e, "reading the history of", kind, ref, VersionSelector.latest(), name);
                    }));
  }

  @Override
  public CompletableFuture<Void> label(RecordRef ref, long version, List<String> labels) {
    Objects.requireNonNull(ref, "ref");
    return start(
        () -> {
          Problems p = Problems.root();
          if (labels == null || labels.isEmpty()) {
            p.add("labels", "must name at least one label");
          } else {
            p.range("labels", labels.size(), 1, 10);
            for (String l : labels) {
              VersionSelector.label(l);
            }
          }
          p.min("version", version, 1);
          p.throwIfAny();
          String name = parameterName(ref);
          return s.client()
              .labelParameterVersion(r -> r.name(name).parameterVersion(version).labels(labels))
              .thenApply(
                  r -> {
                    if (r.hasInvalidLabels() && !r.invalidLabels().isEmpty()) {
                      Problems bad = Problems.root();
                      r.invalidLabels().forEach(l -> bad.add("labels", "SSM rejected '" + l + "'"));
                      bad.throwIfAny();
                    }
                    return (Void) null;
                  })
              .exceptionally(
                  e -> {
                    throw SsmFailures.onRecord(
                        e, "labelling", kind, ref, VersionSelector.version(version), name);
                  });
        });
  }

  // ---------------------------------------------------------------- helpers

  /** Decodes a fetched parameter into a record, naming the parameter when it is unreadable. */
  public StoredRecord<T> decode(RecordRef ref, Parameter p) {
    RecordFormat format = codecs.detect(p.value());
    T value;
    try {
      value = codecs.read(p.value(), format);
    } catch (ValidationException e) {
      throw new UnreadableRecordException(
          kind, ref, "parameter " + p.name() + " version " + p.version(), e);
    }
    return StoredRecord.<T>builder()
        .kind(kind)
        .ref(ref)
        .value(value)
        .version(p.version())
        .lastModified(Optional.ofNullable(p.lastModifiedDate()))
        .format(format)
        .build();
  }

  private StoredRecord<T> stored(RecordRef ref, T value, long version) {
    return StoredRecord.<T>builder()
        .kind(kind)
        .ref(ref)
        .value(value)
        .version(version)
        .format(codecs.writeFormat())
        .build();
  }

  private CompletableFuture<Parameter> readRaw(String name, boolean decrypt) {
    return s.client()
        .getParameter(r -> r.name(name).withDecryption(decrypt))
        .thenApply(r -> r.parameter());
  }

  private CompletableFuture<List<ParameterHistory>> historyRaw(String name, boolean decrypt) {
    return historyRaw(name, decrypt, null);
  }

  /** The whole history; each page's call bounded by {@code bound} when it is not null. */
  private CompletableFuture<List<ParameterHistory>> historyRaw(
      String name, boolean decrypt, Duration bound) {
    List<ParameterHistory> all = new ArrayList<>();
    return historyFrom(name, decrypt, null, all, bound).thenApply(v -> all);
  }

  private CompletableFuture<Void> historyFrom(
      String name, boolean decrypt, String token, List<ParameterHistory> all, Duration bound) {
    GetParameterHistoryRequest.Builder b =
        GetParameterHistoryRequest.builder()
            .name(name)
            .withDecryption(decrypt)
            .maxResults(50)
            .nextToken(token);
    if (bound != null) {
      b.overrideConfiguration(o -> o.apiCallTimeout(bound));
    }
    return s.client()
        .getParameterHistory(b.build())
        .thenCompose(
            (GetParameterHistoryResponse r) -> {
              all.addAll(r.parameters());
              String next = r.nextToken();
              return next == null || next.isEmpty()
                  ? CompletableFuture.completedFuture(null)
                  : historyFrom(name, decrypt, next, all, bound);
            });
  }

  private static void checkNamespace(String namespace) {
    Problems p = Problems.root();
    p.ssmSafeName("namespace", namespace, RecordRef.MAX_SEGMENT_LENGTH);
    p.throwIfAny();
  }

  /**
   * Runs the synchronous part of an operation (validation, encoding) so that its failures reach the
   * caller as a failed future, like every other failure, and nothing is sent.
   */
  static <R> CompletableFuture<R> start(Supplier<CompletableFuture<R>> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}

package io.emrlaunch.benchmarks.reliability;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.RecordConflictException;
import io.emrlaunch.core.repository.RecordFormat;
import io.emrlaunch.core.repository.RecordRepository;
import io.emrlaunch.core.repository.StoredRecord;
import io.emrlaunch.core.repository.WriteCondition;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Issue 14, R5 (D12) at full scale. Read-modify-write writers on one record through versioned
 * saves, on the testkit with delayed SSM calls (virtual time). Each update appends the writer's
 * update id to the record's description; an update is acknowledged when its save succeeded. After
 * every writer has finished and every delayed call has landed, a checker makes one more versioned
 * save (a read-modify-write that changes nothing, the next writer); an acknowledged id missing from
 * the record then is a lost update. The seeded CI version of this harness is {@code
 * SsmLostUpdateTest} in {@code emr-launch-ssm}.
 *
 * <p>Run it alone: {@code java -cp benchmarks/target/benchmarks.jar
 * io.emrlaunch.benchmarks.reliability.SsmLostUpdateCampaign [seeds] [probability] [minSeconds]
 * [maxSeconds]}; or every campaign with {@link Campaigns}.
 */
public final class SsmLostUpdateCampaign {
  /** What one seed produced. */
  public record Result(
      long seed,
      int attempts,
      int acknowledged,
      int buriedBeforeNextSave,
      int lost,
      int typedFailures,
      int untyped,
      long ssmCalls,
      List<String> samples) {}

  /** Sums over seeds. */
  public record Totals(
      int seeds,
      double probability,
      Duration minDelay,
      Duration maxDelay,
      long attempts,
      long acknowledged,
      long buried,
      long lost,
      long typedFailures,
      long untyped,
      long ssmCalls,
      long wallMillis,
      List<String> samples) {}

  /**
   * Runs seeds {@code 1..seeds} with two writers of five updates each.
   *
   * @param seeds how many seeds
   * @param delayed probability of an SSM call being delayed
   * @param minDelay shortest delay
   * @param maxDelay longest delay
   * @return the sums
   */
  public static Totals campaign(int seeds, double delayed, Duration minDelay, Duration maxDelay) {
    long t0 = System.nanoTime();
    long attempts = 0;
    long acked = 0;
    long buried = 0;
    long lost = 0;
    long typed = 0;
    long untyped = 0;
    long calls = 0;
    List<String> samples = new ArrayList<>();
    for (long seed = 1; seed <= seeds; seed++) {
      Result r = run(seed, 2, 5, delayed, minDelay, maxDelay);
      attempts += r.attempts();
      acked += r.acknowledged();
      buried += r.buriedBeforeNextSave();
      lost += r.lost();
      typed += r.typedFailures();
      untyped += r.untyped();
      calls += r.ssmCalls();
      if (samples.size() < 10) {
        samples.addAll(r.samples());
      }
    }
    return new Totals(
        seeds,
        delayed,
        minDelay,
        maxDelay,
        attempts,
        acked,
        buried,
        lost,
        typed,
        untyped,
        calls,
        (System.nanoTime() - t0) / 1_000_000,
        List.copyOf(samples));
  }

  /**
   * Runs the campaign and prints its sums; exits 1 on a lost update or an untyped failure.
   *
   * @param args seeds (2000), probability (0.03), min and max delay in seconds (31, 45)
   */
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    double p = args.length > 1 ? Double.parseDouble(args[1]) : 0.03;
    Duration min = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 31);
    Duration max = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 45);
    Totals t = campaign(seeds, p, min, max);
    System.out.println(t);
    if (t.lost() > 0 || t.untyped() > 0) {
      System.exit(1);
    }
  }

  private SsmLostUpdateCampaign() {}

  /**
   * Runs one seed.
   *
   * @param seed faults and writer timing
   * @param writers concurrent writers
   * @param updates updates per writer
   * @param delayed probability of an SSM call being delayed
   * @param minDelay shortest delay
   * @param maxDelay longest delay
   */
  public static Result run(
      long seed, int writers, int updates, double delayed, Duration minDelay, Duration maxDelay) {
    FakeAws aws = FakeAws.builder().seed(seed).start(Instant.parse("2026-11-23T10:00:00Z")).build();
    RecordRef ref = RecordRef.of("team-a", "analytics");
    EmrProfile initial =
        EmrProfile.builder()
            .namespace("team-a")
            .name("analytics")
            .description("ids:")
            .serviceRole("arn:aws:iam::123456789012:role/analytics-ServiceRole")
            .instanceRole("arn:aws:iam::123456789012:role/analytics-InstanceRole")
            .securityConfigurationName("analytics-sc")
            .build();
    store(aws).profiles().blocking().create(initial);
    aws.faults().on(FakeAws.SSM, "*").always().latency(Duration.ZERO, Duration.ofSeconds(2));
    aws.faults().on(FakeAws.SSM, "*").withProbability(delayed).latency(minDelay, maxDelay);
    Random random = new Random(seed * 31 + 7);
    State st = new State();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      RecordRepository<EmrProfile> repo = store(aws).profiles();
      all.add(writer(aws, repo, ref, w, 0, updates, random, st));
    }
    CompletableFuture<Void> done = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    aws.time().runUntil(done, Duration.ofDays(1));
    if (!done.isDone()) {
      throw new IllegalStateException("writers did not finish in a virtual day, seed " + seed);
    }
    aws.faults().clear();
    aws.time().advance(Duration.ofMinutes(5)); // every delayed call lands
    Set<String> raw = ids(aws.ssmBackend().getParameter(r -> r.name(paramName())).parameter());
    RecordRepository<EmrProfile> checker = store(aws).profiles();
    Set<String> settled = null;
    for (int i = 0; i < 10 && settled == null; i++) {
      StoredRecord<EmrProfile> current = checker.get(ref).join();
      try {
        checker.save(current.value(), WriteCondition.version(current.version())).join();
        settled = ids(checker.get(ref).join().value());
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof RecordConflictException)) {
          throw e;
        }
        aws.time().advance(Duration.ofSeconds(31));
      }
    }
    if (settled == null) {
      throw new IllegalStateException("the checker could not save, seed " + seed);
    }
    int buried = 0;
    int lost = 0;
    for (String id : st.acked) {
      if (!raw.contains(id)) {
        buried++;
      }
      if (!settled.contains(id)) {
        lost++;
        if (st.samples.size() < 5) {
          st.samples.add("seed " + seed + ": acknowledged " + id + " missing from " + settled);
        }
      }
    }
    return new Result(
        seed,
        st.attempts,
        st.acked.size(),
        buried,
        lost,
        st.typed,
        st.untyped,
        aws.calls().calls().stream().filter(c -> c.service().equals(FakeAws.SSM)).count(),
        List.copyOf(st.samples));
  }

  /** The parameter of the record. */
  public static String paramName() {
    return "/emr_launch/emr_profiles/team-a/analytics";
  }

  private static final class State {
    final Set<String> acked = new LinkedHashSet<>();
    final List<String> samples = new ArrayList<>();
    int attempts;
    int typed;
    int untyped;
  }

  private static SsmRecordStore store(FakeAws aws) {
    return SsmRecordStore.builder()
        .client(aws.ssmAsync())
        .format(RecordFormat.EMR_LAUNCH)
        .clock(aws.clock())
        .build();
  }

  private static CompletableFuture<Void> writer(
      FakeAws aws,
      RecordRepository<EmrProfile> repo,
      RecordRef ref,
      int w,
      int i,
      int updates,
      Random random,
      State st) {
    if (i >= updates) {
      return CompletableFuture.completedFuture(null);
    }
    return attempt(aws, repo, ref, "w" + w + "u" + i, 0, random, st)
        .thenCompose(x -> writer(aws, repo, ref, w, i + 1, updates, random, st));
  }

  private static CompletableFuture<Void> attempt(
      FakeAws aws,
      RecordRepository<EmrProfile> repo,
      RecordRef ref,
      String id,
      int n,
      Random random,
      State st) {
    st.attempts++;
    return repo.get(ref)
        .thenCompose(
            rec -> {
              Set<String> ids = ids(rec.value());
              if (ids.contains(id)) {
                // An earlier attempt that failed (timed out) landed after all.
                return CompletableFuture.completedFuture(Boolean.FALSE);
              }
              EmrProfile next =
                  rec.value().withDescription(rec.value().description().orElse("ids:") + " " + id);
              return repo.save(next, WriteCondition.version(rec.version()))
                  .thenApply(
                      saved -> {
                        st.acked.add(id);
                        return Boolean.FALSE;
                      });
            })
        .exceptionally(
            e -> {
              Throwable c =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (c instanceof EmrLaunchException) {
                st.typed++;
              } else {
                st.untyped++;
                if (st.samples.size() < 5) {
                  st.samples.add(id + ": " + c);
                }
              }
              return n < 40;
            })
        .thenCompose(
            retry -> {
              if (!retry) {
                return CompletableFuture.completedFuture(null);
              }
              CompletableFuture<Void> later = new CompletableFuture<>();
              aws.scheduler()
                  .schedule(
                      () -> later.complete(null),
                      1000 + random.nextInt(9000),
                      TimeUnit.MILLISECONDS);
              return later.thenCompose(x -> attempt(aws, repo, ref, id, n + 1, random, st));
            });
  }

  private static Set<String> ids(EmrProfile p) {
    return parse(p.description().orElse(""));
  }

  private static Set<String> ids(software.amazon.awssdk.services.ssm.model.Parameter p) {
    int i = p.value().indexOf("ids:");
    int end = p.value().indexOf('"', i);
    return parse(p.value().substring(i, end));
  }

  private static Set<String> parse(String description) {
    return new TreeSet<>(
        Arrays.stream(description.replace("ids:", "").trim().split(" "))
            .filter(s -> !s.isEmpty())
            .toList());
  }
}

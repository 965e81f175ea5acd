package io.emrlaunch.core.diagnosis.internal;

import io.emrlaunch.core.diagnosis.Diagnosis;
import io.emrlaunch.core.internal.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Finds and reads the logs of a failed step or cluster and asks the {@link LogParser}. Never fails
 * and never takes longer than its time limit: any error is logged at DEBUG and gives no diagnosis.
 *
 * <p>Where EMR puts logs under a cluster's LogUri: {@code <LogUri>/<cluster-id>/steps/<step-id>/}
 * ({@code controller.gz}, {@code stderr.gz}, {@code stdout.gz}, {@code syslog.gz}), {@code
 * <LogUri>/<cluster-id>/containers/<application-id>/<container-id>/} (YARN containers; the first
 * container of a Spark application in cluster mode is its driver) and {@code
 * <LogUri>/<cluster-id>/node/<instance-id>/bootstrap-actions/<n>/}.
 */
public final class Diagnoser {
  /**
   * What the diagnosis may need to know about the cluster, read (once) only when needed.
   *
   * @param logUri the cluster's LogUri
   * @param instanceProfile the EC2 instance profile its nodes run with (the JobFlowRole)
   */
  public record ClusterFacts(Optional<String> logUri, Optional<String> instanceProfile) {}

  private static final Log LOG = Log.of(Diagnoser.class);
  private static final Pattern BOOTSTRAP =
      Pattern.compile("\\((i-[0-9a-f]+)\\), bootstrap action (\\d+) returned a non-zero");
  private static final Pattern STEP_LOG = Pattern.compile("^(.*/)steps/(s-[^/]+)/[^/]+$");

  private final LogReader reader;
  private final Duration timeLimit;
  private final ScheduledExecutorService scheduler;

  /**
   * A diagnoser.
   *
   * @param s3 the S3 client
   * @param maxBytesPerLog most bytes fetched per log
   * @param timeLimit longest a diagnosis may take
   * @param scheduler for the time limit
   */
  public Diagnoser(
      S3AsyncClient s3,
      int maxBytesPerLog,
      Duration timeLimit,
      ScheduledExecutorService scheduler) {
    this.reader = new LogReader(s3, maxBytesPerLog, 16L * maxBytesPerLog, 20_000);
    this.timeLimit = timeLimit;
    this.scheduler = scheduler;
  }

  /**
   * Diagnoses a failed step from its {@code stderr.gz} and {@code controller.gz} and, for a Spark
   * job in cluster mode, its driver's {@code stderr.gz}.
   *
   * @param clusterId the cluster
   * @param stepId the step
   * @param logFile EMR's {@code FailureDetails.LogFile}, when reported
   * @param facts the cluster's LogUri and instance profile, looked up when needed
   * @return the diagnosis; empty when none could be made (never fails)
   */
  public CompletableFuture<Optional<Diagnosis>> step(
      String clusterId,
      String stepId,
      Optional<String> logFile,
      Supplier<CompletableFuture<ClusterFacts>> facts) {
    return bounded(
        "step " + stepId,
        () ->
            stepFolder(clusterId, stepId, logFile, facts)
                .thenCompose(folder -> readStep(folder, logFile))
                .thenCompose(d -> nameInstanceProfile(d, facts)));
  }

  /**
   * Diagnoses a cluster that failed to start: for a bootstrap failure, EMR's reason and the failing
   * action's {@code stderr.gz}.
   *
   * @param clusterId the cluster
   * @param reasonCode EMR's state-change reason code
   * @param reasonMessage EMR's state-change reason message
   * @param facts the cluster's LogUri and instance profile, looked up when needed
   * @return the diagnosis; empty when none could be made (never fails)
   */
  public CompletableFuture<Optional<Diagnosis>> cluster(
      String clusterId,
      Optional<String> reasonCode,
      Optional<String> reasonMessage,
      Supplier<CompletableFuture<ClusterFacts>> facts) {
    if (!reasonCode.map("BOOTSTRAP_FAILURE"::equals).orElse(false) || reasonMessage.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    String message = reasonMessage.get();
    LogExcerpt reason = LogExcerpt.of("emr://" + clusterId + "/state-change-reason", message);
    Matcher m = BOOTSTRAP.matcher(message);
    if (!m.find()) {
      return bounded(
          "cluster " + clusterId,
          () -> CompletableFuture.completedFuture(LogParser.parse(List.of(reason))));
    }
    String relative = clusterId + "/node/" + m.group(1) + "/bootstrap-actions/" + m.group(2) + "/";
    return bounded(
        "cluster " + clusterId,
        () ->
            facts
                .get()
                .thenApply(ClusterFacts::logUri)
                .thenCompose(
                    uri -> {
                      if (uri.isEmpty()) {
                        return CompletableFuture.completedFuture(List.<LogExcerpt>of());
                      }
                      S3Location folder = S3Location.parse(uri.get()).resolve(relative);
                      return readAll(List.of(folder.resolve("stderr.gz").toString()));
                    })
                .thenApply(
                    logs -> {
                      List<LogExcerpt> all = new ArrayList<>();
                      all.add(reason);
                      all.addAll(logs);
                      return LogParser.parse(all);
                    }));
  }

  private CompletableFuture<Optional<S3Location>> stepFolder(
      String clusterId,
      String stepId,
      Optional<String> logFile,
      Supplier<CompletableFuture<ClusterFacts>> facts) {
    if (logFile.isPresent()) {
      Matcher m = STEP_LOG.matcher(logFile.get());
      if (m.matches() && m.group(2).equals(stepId)) {
        S3Location file = S3Location.parse(logFile.get());
        String key = file.key().substring(0, file.key().lastIndexOf('/') + 1);
        return CompletableFuture.completedFuture(Optional.of(new S3Location(file.bucket(), key)));
      }
    }
    return facts
        .get()
        .thenApply(
            f ->
                f.logUri()
                    .map(u -> S3Location.parse(u).resolve(clusterId + "/steps/" + stepId + "/")));
  }

  /**
   * S3 refused access and the log names no role: the request ran as the nodes' instance profile (or
   * the step's runtime role); name the profile the cluster was launched with.
   */
  private static CompletableFuture<Optional<Diagnosis>> nameInstanceProfile(
      Optional<Diagnosis> d, Supplier<CompletableFuture<ClusterFacts>> facts) {
    if (d.isEmpty()
        || d.get().category() != io.emrlaunch.core.diagnosis.CauseCategory.S3_ACCESS_DENIED
        || !d.get().cause().startsWith(LogParser.S3_DENIED_NO_ROLE)) {
      return CompletableFuture.completedFuture(d);
    }
    return facts
        .get()
        .thenApply(
            f ->
                f.instanceProfile()
                    .map(
                        profile ->
                            d.map(
                                x ->
                                    x.withSuggestion(
                                        x.suggestion()
                                            .map(
                                                s ->
                                                    s.replace(
                                                        LogParser.INSTANCE_ROLE,
                                                        "the cluster's EC2 instance profile "
                                                            + profile
                                                            + " (JobFlowRole)"))
                                            .orElse(null))))
                    .orElse(d))
        .exceptionally(t -> d);
  }

  private CompletableFuture<Optional<Diagnosis>> readStep(
      Optional<S3Location> folder, Optional<String> logFile) {
    Set<String> uris = new LinkedHashSet<>();
    logFile
        .filter(f -> f.matches("s3[an]?://.*"))
        .map(f -> S3Location.parse(f).toString())
        .ifPresent(uris::add);
    folder.ifPresent(
        f -> {
          uris.add(f.resolve("stderr.gz").toString());
          uris.add(f.resolve("controller.gz").toString());
        });
    if (uris.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return readAll(List.copyOf(uris))
        .thenCompose(
            logs -> {
              Optional<String> app = LogParser.failedApplicationId(logs);
              if (app.isEmpty() || folder.isEmpty()) {
                return CompletableFuture.completedFuture(LogParser.parse(logs));
              }
              return driverLog(folder.get(), app.get())
                  .thenApply(
                      driver -> {
                        List<LogExcerpt> all = new ArrayList<>();
                        driver.ifPresent(all::add);
                        all.addAll(logs);
                        return LogParser.parse(all);
                      });
            });
  }

  /** The driver's stderr of a YARN application: its first container, latest attempt. */
  private CompletableFuture<Optional<LogExcerpt>> driverLog(S3Location stepFolder, String appId) {
    String stepKey = stepFolder.key();
    int steps = stepKey.lastIndexOf("steps/");
    if (steps < 0) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    String prefix = stepKey.substring(0, steps) + "containers/" + appId + "/";
    return reader
        .list(stepFolder.bucket(), prefix)
        .thenCompose(
            keys -> {
              Optional<String> driver =
                  keys.stream()
                      .filter(k -> k.matches(".*/container_[^/]*_000001/stderr(\\.gz)?$"))
                      .reduce((a, b) -> b);
              if (driver.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<LogExcerpt>empty());
              }
              return reader.read(new S3Location(stepFolder.bucket(), driver.get()).toString());
            });
  }

  private CompletableFuture<List<LogExcerpt>> readAll(List<String> uris) {
    List<CompletableFuture<Optional<LogExcerpt>>> reads = uris.stream().map(reader::read).toList();
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> reads.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
  }

  private CompletableFuture<Optional<Diagnosis>> bounded(
      String what, Supplier<CompletableFuture<Optional<Diagnosis>>> work) {
    CompletableFuture<Optional<Diagnosis>> out = new CompletableFuture<>();
    ScheduledFuture<?> timer =
        scheduler.schedule(
            () -> {
              if (out.complete(Optional.empty())) {
                LOG.debug("diagnosis of {} gave up after {}", what, timeLimit);
              }
            },
            timeLimit.toNanos(),
            TimeUnit.NANOSECONDS);
    out.whenComplete((v, t) -> timer.cancel(false));
    try {
      work.get()
          .whenComplete(
              (d, t) -> {
                if (t != null) {
                  LOG.debug("diagnosis of {} failed: {}", what, t.toString());
                  out.complete(Optional.empty());
                } else {
                  out.complete(d);
                }
              });
    } catch (RuntimeException e) {
      LOG.debug("diagnosis of {} failed: {}", what, e.toString());
      out.complete(Optional.empty());
    }
    return out;
  }
}

package io.emrlaunch.core.launch;

import io.emrlaunch.core.diagnosis.internal.Diagnoser;
import io.emrlaunch.core.diagnosis.internal.Diagnoser.ClusterFacts;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.StepState;

/**
 * Adds the probable cause to a failed step's or cluster's exception before the caller sees it, when
 * the launcher has an S3 client. Bounded and never failing: without a diagnosis the original
 * exception goes on unchanged.
 */
final class Diagnostics {
  private final Diagnoser diagnoser;
  private final EmrAsyncClient emr;

  /**
   * @param diagnoser null when the launcher has no S3 client (no diagnosis)
   * @param emr for the cluster's LogUri when the failure does not say where the logs are
   */
  Diagnostics(Diagnoser diagnoser, EmrAsyncClient emr) {
    this.diagnoser = diagnoser;
    this.emr = emr;
  }

  /**
   * The exception to report instead of {@code t}: a copy with a diagnosis, or {@code t} itself.
   * Never fails.
   */
  CompletableFuture<Throwable> explain(Throwable t) {
    try {
      if (diagnoser == null) {
        return CompletableFuture.completedFuture(t);
      }
      if (t instanceof StepFailedException e
          && e.diagnosis().isEmpty()
          && e.snapshot().state() == StepState.FAILED) {
        StepSnapshot s = e.snapshot();
        return diagnoser
            .step(s.clusterId(), s.stepId(), s.logFile(), facts(s.clusterId(), null))
            .thenApply(d -> d.<Throwable>map(e::withDiagnosis).orElse(e))
            .exceptionally(x -> e);
      }
      if (t instanceof ClusterFailedException e && e.diagnosis().isEmpty()) {
        ClusterSnapshot s = e.snapshot();
        return diagnoser
            .cluster(
                s.clusterId(),
                s.reasonCode(),
                s.reasonMessage(),
                facts(s.clusterId(), e.lastDescription().orElse(null)))
            .thenApply(d -> d.<Throwable>map(e::withDiagnosis).orElse(e))
            .exceptionally(x -> e);
      }
    } catch (RuntimeException e) {
      LauncherContext.LOG.debug("diagnosis failed: {}", e.toString());
    }
    return CompletableFuture.completedFuture(t);
  }

  /** The cluster's facts from {@code known}, else from one {@code DescribeCluster} on first use. */
  private Supplier<CompletableFuture<ClusterFacts>> facts(String clusterId, Cluster known) {
    AtomicReference<CompletableFuture<ClusterFacts>> once = new AtomicReference<>();
    return () -> {
      CompletableFuture<ClusterFacts> f = once.get();
      if (f != null) {
        return f;
      }
      CompletableFuture<ClusterFacts> made =
          known != null
              ? CompletableFuture.completedFuture(factsOf(known))
              : emr.describeCluster(r -> r.clusterId(clusterId))
                  .thenApply(r -> factsOf(r.cluster()));
      return once.compareAndSet(null, made) ? made : once.get();
    };
  }

  private static ClusterFacts factsOf(Cluster c) {
    return new ClusterFacts(
        Optional.ofNullable(c.logUri()),
        Optional.ofNullable(c.ec2InstanceAttributes()).map(a -> a.iamInstanceProfile()));
  }
}

package io.emrlaunch.core.launch;

import io.emrlaunch.core.diagnosis.internal.Diagnoser;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
            .step(s.clusterId(), s.stepId(), s.logFile(), () -> logUri(s.clusterId(), null))
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
                () -> logUri(s.clusterId(), e.lastDescription().orElse(null)))
            .thenApply(d -> d.<Throwable>map(e::withDiagnosis).orElse(e))
            .exceptionally(x -> e);
      }
    } catch (RuntimeException e) {
      LauncherContext.LOG.debug("diagnosis failed: {}", e.toString());
    }
    return CompletableFuture.completedFuture(t);
  }

  private CompletableFuture<Optional<String>> logUri(String clusterId, Cluster known) {
    if (known != null && known.logUri() != null) {
      return CompletableFuture.completedFuture(Optional.of(known.logUri()));
    }
    return emr.describeCluster(r -> r.clusterId(clusterId))
        .thenApply(r -> Optional.ofNullable(r.cluster().logUri()));
  }
}

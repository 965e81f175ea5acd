package io.emrlaunch.core.launch;

import static io.emrlaunch.core.launch.LauncherContext.LOG;

import io.emrlaunch.core.Futures;
import io.emrlaunch.core.launch.internal.EmrCalls;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Terminates clusters nobody will look after. Listeners hear {@code orphanTerminated} only once EMR
 * accepted the termination; when it does not within the launcher's persistence they hear {@code
 * orphanTerminationFailed}, a WARN line names the cluster, and the returned future fails with
 * {@link OrphanTerminationFailedException}.
 */
final class OrphanTerminator {
  private OrphanTerminator() {}

  static CompletableFuture<Void> terminate(
      LauncherContext ctx,
      String clusterId,
      boolean terminationProtected,
      String why,
      List<LaunchListener> extra) {
    LOG.info("terminating cluster {}: {}", clusterId, why);
    Instant deadline = ctx.clock.instant().plus(ctx.persistence);
    return attempt(ctx, clusterId, terminationProtected, 1, deadline)
        .handle(
            (v, t) -> {
              if (t == null) {
                LOG.info("cluster {} is terminating (the launcher cleaned it up)", clusterId);
                ctx.emit(extra, l -> l.orphanTerminated(clusterId, why));
                return null;
              }
              OrphanTerminationFailedException e =
                  new OrphanTerminationFailedException(clusterId, why, Futures.unwrap(t));
              LOG.warn("{}", e.getMessage());
              ctx.emit(extra, l -> l.orphanTerminationFailed(e));
              throw e;
            });
  }

  private static CompletableFuture<Void> attempt(
      LauncherContext ctx, String clusterId, boolean unprotect, int n, Instant deadline) {
    CompletableFuture<?> unprotected =
        unprotect
            ? ctx.calls.idempotent(
                () ->
                    ctx.emr.setTerminationProtection(
                        r -> r.jobFlowIds(clusterId).terminationProtected(false)))
            : CompletableFuture.completedFuture(null);
    return unprotected
        .thenCompose(
            v ->
                ctx.calls.idempotent(() -> ctx.emr.terminateJobFlows(r -> r.jobFlowIds(clusterId))))
        .<Void>thenApply(r -> null)
        .exceptionallyCompose(
            t -> {
              Throwable cause = Futures.unwrap(t);
              boolean retryable = EmrCalls.isThrottling(cause) || EmrCalls.isTransient(cause);
              if (!retryable || ctx.clock.instant().plus(ctx.backoff(n)).isAfter(deadline)) {
                return CompletableFuture.failedFuture(cause);
              }
              LOG.debug("terminating {} failed ({}); trying again", clusterId, cause.toString());
              return ctx.sleep(ctx.backoff(n))
                  .thenCompose(v -> attempt(ctx, clusterId, unprotect, n + 1, deadline));
            });
  }
}

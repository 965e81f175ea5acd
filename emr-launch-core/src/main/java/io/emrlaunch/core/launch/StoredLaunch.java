package io.emrlaunch.core.launch;

import io.emrlaunch.core.Futures;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.LaunchInputs;
import io.emrlaunch.core.repository.RecordStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Launches from stored records: read the profile and configuration together, then launch. */
final class StoredLaunch {
  private StoredLaunch() {}

  static CompletableFuture<LaunchedCluster> launch(
      ClusterLauncher launcher,
      RecordStore store,
      RecordRef profile,
      RecordRef configuration,
      Consumer<LaunchRequest.Builder> rest) {
    CompletableFuture<LaunchedCluster> out = new CompletableFuture<>();
    CompletableFuture<LaunchInputs> loading = store.loadLaunchInputs(profile, configuration);
    loading.whenComplete(
        (in, t) -> {
          if (t != null) {
            out.completeExceptionally(Futures.unwrap(t));
            return;
          }
          if (out.isDone()) {
            return; // cancelled while the records were read: nothing was launched
          }
          CompletableFuture<LaunchedCluster> launch =
              launcher.launch(
                  b -> {
                    rest.accept(b);
                    b.profile(in.profile().value()).configuration(in.configuration().value());
                  });
          // cancelling the returned future cancels the launch (which terminates its cluster)
          out.whenComplete(
              (v, e) -> {
                if (out.isCancelled()) {
                  launch.cancel(true);
                }
              });
          launch.whenComplete(
              (v, e) -> {
                if (e != null) {
                  out.completeExceptionally(Futures.unwrap(e));
                } else {
                  out.complete(v);
                }
              });
        });
    return out;
  }

  /** A stored launch function's name, tags, allow-list, fail-if-running and wait, as a launch. */
  static CompletableFuture<LaunchedCluster> launch(
      ClusterLauncher launcher,
      RecordStore store,
      LaunchFunction function,
      Map<String, ?> overrides) {
    Map<String, Object> copy = new LinkedHashMap<>(overrides);
    return launch(
        launcher,
        store,
        function.profile(),
        function.configuration(),
        b ->
            b.clusterName(
                    function.clusterName().isBlank()
                        ? Optional.empty()
                        : Optional.of(function.clusterName()))
                .tags(function.clusterTags())
                .allowedOverrides(function.allowedOverrides())
                .overrides(copy)
                .failIfClusterRunning(function.defaultFailIfClusterRunning())
                .waitFor(function.waitForClusterStart() ? LaunchWait.STARTED : LaunchWait.NONE));
  }
}

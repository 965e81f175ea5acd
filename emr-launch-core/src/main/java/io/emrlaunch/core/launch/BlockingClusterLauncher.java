package io.emrlaunch.core.launch;

import io.emrlaunch.core.Futures;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.core.repository.RecordStore;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link ClusterLauncher} that waits on the calling thread: each method is the launcher's method
 * of the same name followed by {@link Futures#join}, so failures arrive as the library's own
 * exceptions ({@code ValidationException}, {@code ClusterFailedException}, {@code
 * StepFailedException}, ...), never wrapped in {@code CompletionException}. Interrupting the
 * waiting thread cancels the operation (a cancelled launch terminates its cluster).
 *
 * <pre>{@code
 * BlockingClusterLauncher blocking = launcher.blocking();
 * LaunchedCluster cluster = blocking.launch(r -> r.profile(profile).configuration(configuration));
 * blocking.terminate(cluster.clusterId());
 * }</pre>
 */
public final class BlockingClusterLauncher {
  private final ClusterLauncher launcher;

  BlockingClusterLauncher(ClusterLauncher launcher) {
    this.launcher = launcher;
  }

  /**
   * The asynchronous launcher behind this view.
   *
   * @return the launcher
   */
  public ClusterLauncher async() {
    return launcher;
  }

  /**
   * See {@link ClusterLauncher#launch(LaunchRequest)}.
   *
   * @param request what to launch and how to wait
   * @return the cluster
   */
  public LaunchedCluster launch(LaunchRequest request) {
    return Futures.join(launcher.launch(request));
  }

  /**
   * See {@link ClusterLauncher#launch(Consumer)}.
   *
   * @param request fills a request builder
   * @return the cluster
   */
  public LaunchedCluster launch(Consumer<LaunchRequest.Builder> request) {
    return Futures.join(launcher.launch(request));
  }

  /**
   * See {@link ClusterLauncher#launch(RecordStore, RecordRef, RecordRef, Consumer)}.
   *
   * @param store where the records are
   * @param profile the profile's reference
   * @param configuration the configuration's reference
   * @param rest the rest of the request
   * @return the cluster
   */
  public LaunchedCluster launch(
      RecordStore store,
      RecordRef profile,
      RecordRef configuration,
      Consumer<LaunchRequest.Builder> rest) {
    return Futures.join(launcher.launch(store, profile, configuration, rest));
  }

  /**
   * See {@link ClusterLauncher#launch(RecordStore, LaunchFunction, Map)}.
   *
   * @param store where the records are
   * @param function the launch function
   * @param overrides runtime overrides by name
   * @return the cluster
   */
  public LaunchedCluster launch(
      RecordStore store, LaunchFunction function, Map<String, ?> overrides) {
    return Futures.join(launcher.launch(store, function, overrides));
  }

  /**
   * See {@link ClusterLauncher#terminate(String)}.
   *
   * @param clusterId the cluster
   * @return its final snapshot
   */
  public ClusterSnapshot terminate(String clusterId) {
    return Futures.join(launcher.terminate(clusterId));
  }

  /**
   * See {@link ClusterLauncher#setTerminationProtection(String, boolean)}.
   *
   * @param clusterId the cluster
   * @param terminationProtected the new setting
   */
  public void setTerminationProtection(String clusterId, boolean terminationProtected) {
    Futures.join(launcher.setTerminationProtection(clusterId, terminationProtected));
  }

  /**
   * See {@link ClusterLauncher#addTags(String, Map)}.
   *
   * @param clusterId the cluster
   * @param tags the tags
   */
  public void addTags(String clusterId, Map<String, String> tags) {
    Futures.join(launcher.addTags(clusterId, tags));
  }

  /**
   * See {@link ClusterLauncher#removeTags(String, Collection)}.
   *
   * @param clusterId the cluster
   * @param keys the tag keys
   */
  public void removeTags(String clusterId, Collection<String> keys) {
    Futures.join(launcher.removeTags(clusterId, keys));
  }

  /**
   * See {@link ClusterLauncher#submitSteps(String, List, StepArguments)}.
   *
   * @param clusterId the cluster
   * @param steps the steps
   * @param arguments run-time argument changes
   * @return the submitted steps
   */
  public StepRun submitSteps(String clusterId, List<EmrStep> steps, StepArguments arguments) {
    return Futures.join(launcher.submitSteps(clusterId, steps, arguments));
  }

  /**
   * See {@link ClusterLauncher#submitSteps(String, List)}.
   *
   * @param clusterId the cluster
   * @param steps the steps
   * @return the submitted steps
   */
  public StepRun submitSteps(String clusterId, List<EmrStep> steps) {
    return Futures.join(launcher.submitSteps(clusterId, steps));
  }

  /**
   * See {@link ClusterLauncher#cancelSteps(String, List)}.
   *
   * @param clusterId the cluster
   * @param stepIds the steps
   */
  public void cancelSteps(String clusterId, List<String> stepIds) {
    Futures.join(launcher.cancelSteps(clusterId, stepIds));
  }

  /**
   * See {@link ClusterLauncher#runJob(EmrProfile, SparkJob)}.
   *
   * @param profile the security half
   * @param job the job
   * @return the run
   */
  public JobRun runJob(EmrProfile profile, SparkJob job) {
    return Futures.join(launcher.runJob(profile, job));
  }

  /**
   * See {@link ClusterLauncher#runJob(EmrProfile, SparkJob, Duration)}.
   *
   * @param profile the security half
   * @param job the job
   * @param timeout the longest run
   * @return the run
   */
  public JobRun runJob(EmrProfile profile, SparkJob job, Duration timeout) {
    return Futures.join(launcher.runJob(profile, job, timeout));
  }

  /**
   * See {@link ClusterLauncher#runTransient(LaunchRequest)}.
   *
   * @param request the launch
   * @return the run
   */
  public JobRun runTransient(LaunchRequest request) {
    return Futures.join(launcher.runTransient(request));
  }

  /**
   * See {@link ClusterLauncher#runTransient(LaunchRequest, Duration)}.
   *
   * @param request the launch
   * @param timeout the longest run
   * @return the run
   */
  public JobRun runTransient(LaunchRequest request, Duration timeout) {
    return Futures.join(launcher.runTransient(request, timeout));
  }
}

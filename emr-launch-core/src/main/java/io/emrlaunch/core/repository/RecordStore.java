package io.emrlaunch.core.repository;

import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import java.util.concurrent.CompletableFuture;

/**
 * The three repositories of one store, plus the launch path's combined read.
 *
 * <pre>{@code
 * LaunchInputs in = store.loadLaunchInputs(
 *     RecordRef.of("team-a", "analytics"), RecordRef.of("team-a", "spark-small")).join();
 * RunJobFlowRequest req = RunJobFlowRequests.from(
 *     in.profile().value(), in.configuration().value(), "nightly", Map.of());
 * }</pre>
 */
public interface RecordStore {

  /**
   * Profiles.
   *
   * @return the repository
   */
  RecordRepository<EmrProfile> profiles();

  /**
   * Cluster configurations.
   *
   * @return the repository
   */
  RecordRepository<ClusterConfiguration> configurations();

  /**
   * Launch functions.
   *
   * @return the repository
   */
  RecordRepository<LaunchFunction> launchFunctions();

  /**
   * Loads the latest profile and configuration of a launch together (for SSM, in one round trip).
   *
   * @param profile the profile's namespace and name
   * @param configuration the configuration's namespace and name
   * @return both; fails with {@link RecordNotFoundException} naming the first one missing
   */
  CompletableFuture<LaunchInputs> loadLaunchInputs(RecordRef profile, RecordRef configuration);

  /**
   * Loads the profile and configuration a launch function names.
   *
   * @param function the launch function
   * @return both
   */
  default CompletableFuture<LaunchInputs> loadLaunchInputs(LaunchFunction function) {
    return loadLaunchInputs(function.profile(), function.configuration());
  }
}

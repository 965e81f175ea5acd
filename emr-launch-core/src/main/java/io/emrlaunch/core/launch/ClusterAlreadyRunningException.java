package io.emrlaunch.core.launch;

import io.emrlaunch.core.EmrLaunchException;
import java.util.List;

/**
 * A launch asked to fail if a cluster of the same name is active, and one is. No cluster was
 * created.
 */
public class ClusterAlreadyRunningException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final String clusterName;
  private final List<String> clusterIds;

  /**
   * Creates the exception.
   *
   * @param clusterName the name
   * @param clusterIds the active clusters with that name
   */
  public ClusterAlreadyRunningException(String clusterName, List<String> clusterIds) {
    super("cluster name '" + clusterName + "' is already used by active cluster(s) " + clusterIds);
    this.clusterName = clusterName;
    this.clusterIds = List.copyOf(clusterIds);
  }

  /**
   * The name asked for.
   *
   * @return the name
   */
  public String clusterName() {
    return clusterName;
  }

  /**
   * The active clusters with that name.
   *
   * @return their ids
   */
  public List<String> clusterIds() {
    return clusterIds;
  }
}

package io.emrlaunch.core.launch;

import java.util.List;

/** Forwards one cluster's state and step changes to a request's own listeners. */
final class ClusterEvents implements MonitorListener {
  private final List<LaunchListener> listeners;
  volatile String clusterId;

  ClusterEvents(List<LaunchListener> listeners) {
    this.listeners = listeners;
  }

  @Override
  public void clusterChanged(ClusterSnapshot previous, ClusterSnapshot current) {
    if (!current.clusterId().equals(clusterId)) {
      return;
    }
    for (LaunchListener l : listeners) {
      try {
        l.clusterChanged(previous, current);
      } catch (RuntimeException e) {
        // a listener cannot break a launch
      }
    }
  }

  @Override
  public void stepChanged(StepSnapshot previous, StepSnapshot current) {
    if (!current.clusterId().equals(clusterId)) {
      return;
    }
    for (LaunchListener l : listeners) {
      try {
        l.stepChanged(previous, current);
      } catch (RuntimeException e) {
        // a listener cannot break a launch
      }
    }
  }
}

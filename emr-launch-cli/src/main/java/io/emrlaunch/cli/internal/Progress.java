package io.emrlaunch.cli.internal;

import io.emrlaunch.core.launch.ClusterSnapshot;
import io.emrlaunch.core.launch.LaunchListener;
import io.emrlaunch.core.launch.LaunchedCluster;
import io.emrlaunch.core.launch.StepSnapshot;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Progress on stderr: a live status line on a terminal (cluster state, elapsed time, steps
 * done/total), plain lines otherwise, nothing with {@code --quiet}. Event lines carry the elapsed
 * time of the command (simulated time under {@code --local}).
 */
public final class Progress implements LaunchListener {
  /** How progress is shown. */
  public enum Mode {
    /** A status line redrawn in place, events above it. */
    LIVE,
    /** One line per event. */
    PLAIN,
    /** Nothing. */
    QUIET
  }

  private final PrintWriter err;
  private final Mode mode;
  private final Clock clock;
  private final Instant start;
  private final long wallStart = System.nanoTime();
  private final String simulated;
  private final Map<String, String> steps = new LinkedHashMap<>();
  private String clusterId = "";
  private String clusterState = "";
  private int expectedSteps;
  private boolean statusShown;
  private String subject = "";

  /**
   * A display.
   *
   * @param err where to write
   * @param mode how
   * @param clock the backend's clock (virtual under --local)
   * @param simulatedSpeed null for real AWS, else the simulation's speed label
   */
  public Progress(PrintWriter err, Mode mode, Clock clock, String simulatedSpeed) {
    this.err = err;
    this.mode = mode;
    this.clock = clock;
    this.start = clock.instant();
    this.simulated = simulatedSpeed;
  }

  /** The mode. */
  public Mode mode() {
    return mode;
  }

  /**
   * How many steps the command waits for.
   *
   * @param n the count
   */
  public synchronized void expectSteps(int n) {
    expectedSteps = n;
  }

  /**
   * An event line.
   *
   * @param text the event
   */
  public synchronized void event(String text) {
    if (mode == Mode.QUIET) {
      return;
    }
    clearStatus();
    err.println("[" + elapsed() + "] " + text);
    err.flush();
    drawStatus();
  }

  /** Redraws the status line (live mode). */
  public synchronized void tick() {
    if (mode == Mode.LIVE) {
      clearStatus();
      drawStatus();
    }
  }

  /** Removes the status line before the result is printed. */
  public synchronized void finish() {
    if (mode == Mode.LIVE) {
      clearStatus();
      err.flush();
    }
  }

  private void clearStatus() {
    if (mode == Mode.LIVE && statusShown) {
      err.print("\r\033[2K");
      statusShown = false;
    }
  }

  private void drawStatus() {
    if (mode != Mode.LIVE || (clusterId.isEmpty() && subject.isEmpty())) {
      return;
    }
    if (clusterId.isEmpty()) {
      err.print(
          "\r\033[2K  "
              + subject
              + " | "
              + elapsed()
              + (simulated == null
                  ? ""
                  : String.format(
                      " simulated (%s), %.1f s real",
                      simulated, (System.nanoTime() - wallStart) / 1e9)));
      err.flush();
      statusShown = true;
      return;
    }
    long done = steps.values().stream().filter(Progress::finished).count();
    int total = Math.max(expectedSteps, steps.size());
    String wall = String.format("%.1f s", (System.nanoTime() - wallStart) / 1e9);
    err.print(
        "\r\033[2K  "
            + clusterId
            + " "
            + clusterState
            + " | steps "
            + done
            + "/"
            + total
            + " done | "
            + elapsed()
            + (simulated == null ? "" : " simulated (" + simulated + "), " + wall + " real"));
    err.flush();
    statusShown = true;
  }

  private static boolean finished(String state) {
    return state.equals("COMPLETED")
        || state.equals("FAILED")
        || state.equals("CANCELLED")
        || state.equals("INTERRUPTED");
  }

  private String elapsed() {
    Duration d = Duration.between(start, clock.instant());
    long s = Math.max(0, d.getSeconds());
    return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  /**
   * What the status line shows while no cluster is watched (an execution and its status).
   *
   * @param text for example {@code execution run-1 RUNNING}
   */
  public synchronized void subject(String text) {
    subject = text;
    tick();
  }

  /**
   * A cluster observed by polling (not launched by this command): an event when its state changed.
   *
   * @param id the cluster id
   * @param state its state
   * @param reason the state-change reason, or null
   */
  public synchronized void observedCluster(String id, String state, String reason) {
    if (clusterId.isEmpty() || clusterId.equals(id)) {
      clusterId = id;
      clusterState = state;
    }
    event("cluster " + id + " " + state + (reason == null ? "" : " (" + reason + ")"));
  }

  /**
   * A step observed by polling: an event when its state changed.
   *
   * @param id the step id
   * @param name its name
   * @param state its state
   */
  public synchronized void observedStep(String id, String name, String state) {
    steps.put(id, state);
    event("step " + id + " (" + name + ") " + state);
  }

  @Override
  public synchronized void launchStarted(String clusterName, String launchToken) {
    event("launching cluster " + clusterName);
  }

  @Override
  public synchronized void clusterCreated(LaunchedCluster cluster, Duration sinceLaunch) {
    clusterId = cluster.clusterId();
    clusterState = "STARTING";
    event("cluster " + cluster.clusterId() + " created");
  }

  @Override
  public synchronized void clusterChanged(ClusterSnapshot previous, ClusterSnapshot current) {
    String state = current.state().map(Object::toString).orElse("UNKNOWN");
    if (clusterId.isEmpty() || clusterId.equals(current.clusterId())) {
      clusterId = current.clusterId();
      clusterState = state;
    }
    String reason =
        current
            .reasonCode()
            .map(c -> " (" + c + current.reasonMessage().map(m -> ": " + m).orElse("") + ")")
            .orElse("");
    event("cluster " + current.clusterId() + " " + state + reason);
  }

  @Override
  public synchronized void stepChanged(StepSnapshot previous, StepSnapshot current) {
    String state = current.state().toString();
    steps.put(current.stepId(), state);
    event(
        "step "
            + current.stepId()
            + current.name().map(n -> " (" + n + ")").orElse("")
            + " "
            + state
            + current.failureMessage().map(m -> ": " + m).orElse(""));
  }

  @Override
  public synchronized void orphanTerminated(String clusterId, String why) {
    event("terminating cluster " + clusterId + ": " + why);
  }
}

package io.emrlaunch.core.launch;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.emr.model.ClusterState;

/**
 * What the monitor knows about a cluster at one moment: its state, EMR's reason for the last
 * change, and its timeline. Immutable.
 *
 * <p>The monitor learns most states from one {@code ListClusters} call covering many clusters. When
 * a cluster has left the booting states and is not in an ending state, it is up ({@code RUNNING} or
 * {@code WAITING}) without the listing saying which; {@link #state()} is then empty and {@link
 * #up()} is true. Call {@code DescribeCluster} when the exact state matters.
 */
public final class ClusterSnapshot {
  private final String clusterId;
  private final String name;
  private final ClusterState state;
  private final boolean up;
  private final String reasonCode;
  private final String reasonMessage;
  private final Instant created;
  private final Instant ready;
  private final Instant ended;
  private final Instant observedAt;

  private ClusterSnapshot(Builder b) {
    this.clusterId = Objects.requireNonNull(b.clusterId, "clusterId");
    this.name = b.name;
    this.state = b.state;
    this.up = b.up || state == ClusterState.RUNNING || state == ClusterState.WAITING;
    this.reasonCode = b.reasonCode;
    this.reasonMessage = b.reasonMessage;
    this.created = b.created;
    this.ready = b.ready;
    this.ended = b.ended;
    this.observedAt = Objects.requireNonNull(b.observedAt, "observedAt");
  }

  static Builder builder(String clusterId, Instant observedAt) {
    Builder b = new Builder();
    b.clusterId = clusterId;
    b.observedAt = observedAt;
    return b;
  }

  /**
   * The cluster id ({@code j-...}).
   *
   * @return the id
   */
  public String clusterId() {
    return clusterId;
  }

  /**
   * The cluster name, when known.
   *
   * @return the name
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * The exact state, when known (see the class comment).
   *
   * @return the state
   */
  public Optional<ClusterState> state() {
    return Optional.ofNullable(state);
  }

  /**
   * Whether the cluster is up: {@code RUNNING} or {@code WAITING}.
   *
   * @return true when up
   */
  public boolean up() {
    return up;
  }

  /**
   * EMR's code for the last state change ({@code BOOTSTRAP_FAILURE}, {@code USER_REQUEST}, ...).
   *
   * @return the code, when EMR gave one
   */
  public Optional<String> reasonCode() {
    return Optional.ofNullable(reasonCode);
  }

  /**
   * EMR's message for the last state change.
   *
   * @return the message, when EMR gave one
   */
  public Optional<String> reasonMessage() {
    return Optional.ofNullable(reasonMessage);
  }

  /**
   * When EMR created the cluster.
   *
   * @return the time, when known
   */
  public Optional<Instant> created() {
    return Optional.ofNullable(created);
  }

  /**
   * When the cluster became ready.
   *
   * @return the time, when known
   */
  public Optional<Instant> ready() {
    return Optional.ofNullable(ready);
  }

  /**
   * When the cluster ended.
   *
   * @return the time, when known
   */
  public Optional<Instant> ended() {
    return Optional.ofNullable(ended);
  }

  /**
   * When the monitor learned this (by its clock).
   *
   * @return the observation time
   */
  public Instant observedAt() {
    return observedAt;
  }

  /** Same cluster, state and reason: what listeners compare to report a change. */
  boolean sameStateAs(ClusterSnapshot other) {
    return other != null
        && Objects.equals(state, other.state)
        && up == other.up
        && Objects.equals(reasonCode, other.reasonCode);
  }

  @Override
  public String toString() {
    return clusterId
        + (name == null ? "" : " (" + name + ")")
        + " "
        + (state != null ? state : up ? "UP" : "UNKNOWN")
        + (reasonCode == null ? "" : " [" + reasonCode + ": " + reasonMessage + "]");
  }

  static final class Builder {
    private String clusterId;
    private String name;
    private ClusterState state;
    private boolean up;
    private String reasonCode;
    private String reasonMessage;
    private Instant created;
    private Instant ready;
    private Instant ended;
    private Instant observedAt;

    Builder name(String v) {
      this.name = v;
      return this;
    }

    Builder state(ClusterState v) {
      this.state = v;
      return this;
    }

    Builder up(boolean v) {
      this.up = v;
      return this;
    }

    Builder reason(String code, String message) {
      this.reasonCode = code;
      this.reasonMessage = message;
      return this;
    }

    Builder timeline(Instant created, Instant ready, Instant ended) {
      this.created = created;
      this.ready = ready;
      this.ended = ended;
      return this;
    }

    ClusterSnapshot build() {
      return new ClusterSnapshot(this);
    }
  }
}

package io.emrlaunch.core.pool.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value of one claim record: who holds it, until when, whether it was released, and (for a
 * launch record) the cluster it launched. Text form: {@code owner=..;expires=<epoch ms>;
 * released=<bool>;cluster=<id>}.
 */
public record LeaseRecord(String owner, Instant expires, boolean released, String cluster) {

  /** A record is live while not released and not expired. */
  public boolean live(Instant now) {
    return !released && now.isBefore(expires);
  }

  /** This record, released. */
  public LeaseRecord release() {
    return new LeaseRecord(owner, expires, true, cluster);
  }

  /** This record naming its cluster. */
  public LeaseRecord withCluster(String id) {
    return new LeaseRecord(owner, expires, released, id);
  }

  /** The text form. */
  public String format() {
    return "owner="
        + owner
        + ";expires="
        + expires.toEpochMilli()
        + ";released="
        + released
        + ";cluster="
        + (cluster == null ? "" : cluster);
  }

  /** Parses the text form; an unreadable value counts as released (never blocks a slot). */
  public static LeaseRecord parse(String text) {
    Map<String, String> f = new LinkedHashMap<>();
    for (String part : text.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        f.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    try {
      String cluster = f.getOrDefault("cluster", "");
      return new LeaseRecord(
          f.getOrDefault("owner", ""),
          Instant.ofEpochMilli(Long.parseLong(f.getOrDefault("expires", "0"))),
          Boolean.parseBoolean(f.getOrDefault("released", "true")),
          cluster.isEmpty() ? null : cluster);
    } catch (NumberFormatException e) {
      return new LeaseRecord("", Instant.EPOCH, true, null);
    }
  }
}

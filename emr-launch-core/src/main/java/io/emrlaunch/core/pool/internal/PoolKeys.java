package io.emrlaunch.core.pool.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The pool key: a hash of what makes two pool clusters interchangeable. */
public final class PoolKeys {
  private PoolKeys() {}

  /**
   * SHA-256 (first 16 hex digits) of the profile's and the pool configuration's JSON (names,
   * descriptions and tags excluded: they do not change what a cluster can run) and the pool's
   * sizing.
   */
  public static String key(
      EmrProfile profile, ClusterConfiguration configuration, int maxJobs, long idleSeconds) {
    try {
      var mapper = EmrLaunchJson.newMapper();
      var p = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.valueToTree(profile);
      var c = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.valueToTree(configuration);
      for (var node : java.util.List.of(p, c)) {
        node.remove("name");
        node.remove("namespace");
        node.remove("description");
        node.remove("tags");
      }
      String text =
          mapper.writeValueAsString(p)
              + "\n"
              + mapper.writeValueAsString(c)
              + "\n"
              + maxJobs
              + "\n"
              + idleSeconds;
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 16);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot compute the pool key", e);
    }
  }
}

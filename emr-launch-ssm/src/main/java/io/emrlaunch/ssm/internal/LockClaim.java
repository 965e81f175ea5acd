package io.emrlaunch.ssm.internal;

import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * The value of a write-lock parameter: who claimed the lock (a token unique to one acquisition) and
 * until when. Written as {@code {"owner":"<token>","expires":<epoch millis>}}, the format earlier
 * versions of this library wrote, so locks of older and newer writers understand each other.
 *
 * @param owner the acquisition's token
 * @param expiresAtMillis when the claim stops protecting the record, in the claimer's clock
 */
record LockClaim(String owner, long expiresAtMillis) {

  /** The parameter value of this claim. */
  String value() {
    return "{\"owner\":\"" + owner + "\",\"expires\":" + expiresAtMillis + "}";
  }

  /**
   * Whether a lock parameter no longer protects its record, judged at {@code now}.
   *
   * <p>A claim is expired only once both its written expiry and {@code LastModifiedDate + ttl} have
   * passed. The second bound is SSM's own timestamp of the put: a writer computes its expiry before
   * it sends its put, so a claim that lost a race to break a lock (and overwrote the winner's
   * value, SSM having no conditional put) may carry an expiry earlier than the winner's; its put
   * landed after the winner's, so its modification time keeps it alive at least as long as the
   * winner's lease.
   */
  static boolean isExpired(Parameter lock, Instant now, Duration ttl) {
    long written = expiresOf(lock.value());
    long modified =
        lock.lastModifiedDate() == null ? 0 : lock.lastModifiedDate().plus(ttl).toEpochMilli();
    return Math.max(written, modified) < now.toEpochMilli();
  }

  /** The written expiry of a lock value; 0 (long expired) when it has none. */
  static long expiresOf(String value) {
    int i = value.indexOf("\"expires\":");
    if (i < 0) {
      return 0;
    }
    int start = i + "\"expires\":".length();
    int end = start;
    while (end < value.length() && Character.isDigit(value.charAt(end))) {
      end++;
    }
    try {
      return Long.parseLong(value.substring(start, end));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

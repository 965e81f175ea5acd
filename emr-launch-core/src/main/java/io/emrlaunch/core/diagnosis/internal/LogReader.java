package io.emrlaunch.core.diagnosis.internal;

import io.emrlaunch.core.Futures;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads logs from S3 within bounds: one ranged {@code GetObject} of at most {@code maxBytes} per
 * log (the beginning: a gzip stream cannot be decoded from its middle), at most {@code
 * maxTextBytes} of decoded text, of which the last {@code maxLines} lines are kept with their
 * numbers.
 */
public final class LogReader {
  private final S3AsyncClient s3;
  private final int maxBytes;
  private final long maxTextBytes;
  private final int maxLines;

  /**
   * A reader.
   *
   * @param s3 the client
   * @param maxBytes most bytes fetched per log
   * @param maxTextBytes most decoded bytes read per log
   * @param maxLines most lines kept per log (the last ones)
   */
  public LogReader(S3AsyncClient s3, int maxBytes, long maxTextBytes, int maxLines) {
    this.s3 = s3;
    this.maxBytes = maxBytes;
    this.maxTextBytes = maxTextBytes;
    this.maxLines = maxLines;
  }

  /**
   * Reads one log.
   *
   * @param uri {@code s3://}, {@code s3n://} or {@code s3a://bucket/key}
   * @return the excerpt; empty when there is no such object
   */
  public CompletableFuture<Optional<LogExcerpt>> read(String uri) {
    S3Location at = S3Location.parse(uri);
    return s3.getObject(
            r -> r.bucket(at.bucket()).key(at.key()).range("bytes=0-" + (maxBytes - 1)),
            AsyncResponseTransformer.toBytes())
        .handle(
            (bytes, t) -> {
              if (t != null) {
                if (Futures.unwrap(t) instanceof NoSuchKeyException) {
                  return Optional.<LogExcerpt>empty();
                }
                throw Futures.rethrowable(Futures.unwrap(t));
              }
              return Optional.of(decode(at.toString(), bytes));
            });
  }

  /**
   * Keys under a prefix (one page: at most 1000).
   *
   * @param bucket the bucket
   * @param prefix the prefix
   * @return the keys
   */
  public CompletableFuture<List<String>> list(String bucket, String prefix) {
    return s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix))
        .thenApply(ListObjectsV2Response::contents)
        .thenApply(c -> c.stream().map(S3Object::key).toList());
  }

  LogExcerpt decode(String uri, ResponseBytes<GetObjectResponse> bytes) {
    byte[] raw = bytes.asByteArrayUnsafe();
    boolean partial = isPartial(bytes.response(), raw.length);
    boolean gzip = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
    try (InputStream in =
        gzip ? new GZIPInputStream(new ByteArrayInputStream(raw)) : new ByteArrayInputStream(raw)) {
      return lines(uri, new InputStreamReader(in, StandardCharsets.UTF_8), partial);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean isPartial(GetObjectResponse response, int read) {
    String range = response.contentRange();
    if (range == null || !range.contains("/")) {
      return false;
    }
    String total = range.substring(range.indexOf('/') + 1).strip();
    try {
      return Long.parseLong(total) > read;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Splits into lines, keeping the last {@code maxLines}; a cut gzip stream ends the text. */
  private LogExcerpt lines(String uri, Reader reader, boolean partial) throws IOException {
    Deque<String> kept = new ArrayDeque<>();
    StringBuilder line = new StringBuilder();
    int count = 0;
    long read = 0;
    boolean truncated = partial;
    char[] buf = new char[8192];
    while (true) {
      int n;
      try {
        n = reader.read(buf);
      } catch (EOFException | ZipException e) {
        truncated = true; // the ranged read cut the gzip stream: keep what was decoded
        break;
      }
      if (n < 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        char c = buf[i];
        if (c == '\n') {
          count++;
          keep(kept, stripCr(line));
          line.setLength(0);
        } else if (line.length() < 8192) {
          line.append(c);
        }
      }
      read += n;
      if (read >= maxTextBytes) {
        truncated = true;
        break;
      }
    }
    if (line.length() > 0) {
      count++;
      keep(kept, stripCr(line));
    }
    List<String> lines = new ArrayList<>(kept);
    int first = Math.max(1, count - lines.size() + 1);
    return new LogExcerpt(uri, first, lines, truncated);
  }

  private void keep(Deque<String> kept, String line) {
    kept.addLast(line);
    if (kept.size() > maxLines) {
      kept.removeFirst();
    }
  }

  private static String stripCr(StringBuilder line) {
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }
}

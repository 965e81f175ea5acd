package io.emrlaunch.core.diagnosis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.RecordedCall;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/** Bounded reads of (gzip) logs from S3. */
class LogReaderTest {
  private final FakeAws aws = FakeAws.create();

  private static String numbered(int lines) {
    Random random = new Random(7);
    return IntStream.rangeClosed(1, lines)
            .mapToObj(i -> "line " + i + " " + Long.toHexString(random.nextLong()))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  @Test
  void aSmallGzipLogIsReadWhole() {
    aws.s3Backend().putGzip("s3://logs/j-1/steps/s-1/stderr.gz", "a\r\nb\nc");
    LogExcerpt e =
        new LogReader(aws.s3Async(), 4096, 1 << 20, 100)
            .read("s3n://logs/j-1/steps/s-1/stderr.gz")
            .join()
            .orElseThrow();
    assertThat(e.uri()).isEqualTo("s3://logs/j-1/steps/s-1/stderr.gz");
    assertThat(e.lines()).containsExactly("a", "b", "c");
    assertThat(e.firstLineNumber()).isEqualTo(1);
    assertThat(e.truncated()).isFalse();
  }

  @Test
  void aLargeGzipLogIsReadUpToTheByteBoundAndKeepsTrueLineNumbers() {
    String text = numbered(200_000);
    aws.s3Backend().putGzip("s3://logs/big.gz", text);
    int total = aws.s3Backend().get("s3://logs/big.gz").orElseThrow().length;
    LogExcerpt e =
        new LogReader(aws.s3Async(), 16 * 1024, 1 << 30, 50)
            .read("s3://logs/big.gz")
            .join()
            .orElseThrow();
    assertThat(total).isGreaterThan(16 * 1024);
    assertThat(e.truncated()).isTrue();
    assertThat(e.lines()).hasSizeLessThanOrEqualTo(50).isNotEmpty();
    // Every kept line is the line of that number in the original (a cut last line may be partial).
    for (int i = 0; i < e.lines().size() - 1; i++) {
      assertThat(e.lines().get(i)).startsWith("line " + (e.firstLineNumber() + i) + " ");
    }
    RecordedCall get = aws.calls().calls(FakeAws.S3, "GetObject").get(0);
    assertThat(((GetObjectRequest) get.request()).range()).isEqualTo("bytes=0-16383");
  }

  @Test
  void decodedTextIsBoundedToo() {
    aws.s3Backend().putText("s3://logs/plain.log", numbered(10_000));
    LogExcerpt e =
        new LogReader(aws.s3Async(), 1 << 20, 2048, 1000)
            .read("s3://logs/plain.log")
            .join()
            .orElseThrow();
    assertThat(e.truncated()).isTrue();
    assertThat(e.lines().stream().mapToInt(String::length).sum()).isLessThan(2048 + 8192 + 100);
    assertThat(e.lines().get(0)).startsWith("line 1 ");
  }

  @Test
  void aMissingLogIsEmptyNotAnError() {
    aws.s3Backend().putText("s3://logs/other", "x");
    Optional<LogExcerpt> e =
        new LogReader(aws.s3Async(), 1024, 4096, 10).read("s3://logs/missing.gz").join();
    assertThat(e).isEmpty();
  }
}

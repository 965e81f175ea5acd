package io.emrlaunch.core.launch.internal;

import io.emrlaunch.core.Futures;
import io.emrlaunch.core.internal.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Reads EMR events from an SQS queue with long polling, one receive at a time: receive up to ten
 * messages, hand the parsed events to the sink (which applies them on the monitor's thread), then
 * delete the messages — applied, ignored or unreadable alike — and receive again. A failed receive
 * is retried after a pause that doubles up to 30 s; a failed delete only means the messages come
 * back after their visibility timeout, which applying twice tolerates.
 */
public final class EventFeed {
  private static final Log LOG = Log.of(EventFeed.class);
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  private final SqsAsyncClient sqs;
  private final String queueUrl;
  private final int waitSeconds;
  private final ScheduledExecutorService scheduler;
  private final Function<List<EmrEvent>, CompletableFuture<Boolean>> sink;
  private final Runnable onFailing;
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();
  private volatile boolean started;
  private volatile boolean closed;
  private volatile int failures;

  /**
   * A feed; nothing is read before {@link #start()}.
   *
   * @param sqs the client
   * @param queueUrl the queue
   * @param waitTime the long-poll wait (0..20 s)
   * @param scheduler for pauses
   * @param sink applies a batch of events; its future completes with {@code true} when they were
   *     applied, {@code false} when they were not (the monitor closed): those messages are kept, so
   *     they come back after their visibility timeout for whoever reads the queue next
   * @param onFailing told when receiving starts failing (the first failure of a streak)
   */
  public EventFeed(
      SqsAsyncClient sqs,
      String queueUrl,
      Duration waitTime,
      ScheduledExecutorService scheduler,
      Function<List<EmrEvent>, CompletableFuture<Boolean>> sink,
      Runnable onFailing) {
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    this.waitSeconds = (int) waitTime.toSeconds();
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.onFailing = Objects.requireNonNull(onFailing, "onFailing");
  }

  /** Starts reading (once). */
  public synchronized void start() {
    if (started || closed) {
      return;
    }
    started = true;
    LOG.info("reading EMR events from {}", queueUrl);
    next(Duration.ZERO);
  }

  /** Stops reading; a receive in flight is ignored when it returns (its messages come back). */
  public void close() {
    closed = true;
  }

  /**
   * Whether the last receive succeeded (or none failed yet). While it is false the monitor polls at
   * its normal cadence instead of only reconciling.
   *
   * @return true when events are flowing
   */
  public boolean healthy() {
    return failures == 0;
  }

  /**
   * Messages read so far.
   *
   * @return the count
   */
  public long messages() {
    return messages.get();
  }

  /**
   * Messages that were not EMR events (deleted without effect).
   *
   * @return the count
   */
  public long unreadable() {
    return unreadable.get();
  }

  private void next(Duration pause) {
    if (closed) {
      return;
    }
    try {
      if (pause.isZero()) {
        scheduler.execute(this::receive);
      } else {
        scheduler.schedule(this::receive, pause.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (RejectedExecutionException e) {
      closed = true;
    }
  }

  private void receive() {
    if (closed) {
      return;
    }
    CompletableFuture<ReceiveMessageResponse> call;
    try {
      call =
          sqs.receiveMessage(
              r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds));
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    call.whenComplete(
        (resp, error) -> {
          if (closed) {
            return;
          }
          if (error != null) {
            failed(Futures.unwrap(error));
            return;
          }
          failures = 0;
          List<Message> got = resp.messages();
          if (got.isEmpty()) {
            // An empty long poll: go again at once; a zero wait would spin, so pause then.
            next(waitSeconds == 0 ? FIRST_PAUSE : Duration.ZERO);
            return;
          }
          messages.addAndGet(got.size());
          List<EmrEvent> events = new ArrayList<>(got.size());
          for (Message m : got) {
            EmrEvent.parse(m.body())
                .ifPresentOrElse(
                    events::add,
                    () -> {
                      unreadable.incrementAndGet();
                      LOG.debug("ignored a message that is not an EMR event: {}", m.messageId());
                    });
          }
          CompletableFuture<?> applied =
              events.isEmpty() ? CompletableFuture.completedFuture(true) : sink.apply(events);
          applied.whenComplete(
              (done, t) -> {
                if (t == null && Boolean.TRUE.equals(done)) {
                  delete(got);
                }
              });
        });
  }

  private void delete(List<Message> got) {
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(got.size());
    for (int i = 0; i < got.size(); i++) {
      entries.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .receiptHandle(got.get(i).receiptHandle())
              .build());
    }
    CompletableFuture<?> call;
    try {
      call = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    call.whenComplete(
        (resp, error) -> {
          if (error != null) {
            LOG.debug(
                "could not delete {} event messages (they will come back): {}",
                entries.size(),
                Futures.unwrap(error).toString());
          }
          next(Duration.ZERO);
        });
  }

  private void failed(Throwable cause) {
    failures++;
    long factor = 1L << Math.min(failures - 1, 5);
    Duration pause = FIRST_PAUSE.multipliedBy(factor);
    if (pause.compareTo(MAX_PAUSE) > 0) {
      pause = MAX_PAUSE;
    }
    if (failures == 1) {
      try {
        onFailing.run();
      } catch (RuntimeException e) {
        // the monitor's business; reading goes on
      }
    }
    if (failures == 1 || failures % 10 == 0) {
      LOG.warn(
          "cannot read EMR events from {} ({} in a row): {}; retrying in {}",
          queueUrl,
          failures,
          cause.toString(),
          pause);
    }
    next(pause);
  }
}

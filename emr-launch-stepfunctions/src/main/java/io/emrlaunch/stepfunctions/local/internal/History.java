package io.emrlaunch.stepfunctions.local.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** An execution's history events, numbered as Step Functions numbers them. */
public final class History {
  public static final int MAX_EVENTS = 25_000;
  private final Clock clock;
  private final List<HistoryEvent> events = new ArrayList<>();

  public History(Clock clock) {
    this.clock = clock;
  }

  /** Adds an event of the given type (e.g. {@code TaskStateEntered}) with its details. */
  public synchronized long add(String type, Consumer<HistoryEvent.Builder> details) {
    long id = events.size() + 1L;
    HistoryEvent.Builder b =
        HistoryEvent.builder()
            .id(id)
            .previousEventId(id - 1)
            .timestamp(clock.instant())
            .type(HistoryEventType.fromValue(type));
    if (details != null) {
      details.accept(b);
    }
    events.add(b.build());
    return id;
  }

  public synchronized int size() {
    return events.size();
  }

  public synchronized List<HistoryEvent> snapshot() {
    return List.copyOf(events);
  }
}

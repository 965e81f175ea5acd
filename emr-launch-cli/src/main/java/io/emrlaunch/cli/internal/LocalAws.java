package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.SdkShapes;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.RecordedCall;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The simulated AWS of {@code --local}, persisted between invocations as a deterministic journal:
 * every successful mutating call (RunJobFlow, AddJobFlowSteps, PutParameter, ...) is appended to
 * {@code journal.jsonl} with its virtual instant and its request in API JSON. Loading starts a
 * {@link FakeAws} with the same seed and start, replays each call at its instant (FakeEmr draws its
 * ids and durations from the seeded random in call order, so the replay rebuilds the same clusters,
 * steps and parameters), then moves the clock to where the last invocation left it plus the wall
 * time since then times the speed.
 */
public final class LocalAws {
  /** The seed of every simulation. */
  public static final long SEED = 17;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOURNAL = "journal.jsonl";
  private static final String CLOCK = "clock.json";

  private final Path dir;
  private final FakeAws aws;
  private final int replayed;

  private LocalAws(Path dir, FakeAws aws, int replayed) {
    this.dir = dir;
    this.aws = aws;
    this.replayed = replayed;
  }

  /**
   * Opens the simulation stored in {@code dir} (empty when there is none).
   *
   * @param dir the state folder ({@code .emr-launch/local})
   * @param speed virtual seconds per wall second while away; 0 freezes the clock between runs
   * @return the simulation, its clock where it was left
   * @throws IOException when the state cannot be read
   */
  public static LocalAws open(Path dir, double speed) throws IOException {
    FakeAws aws = FakeAws.builder().seed(SEED).build();
    int count = 0;
    Path journal = dir.resolve(JOURNAL);
    if (Files.isRegularFile(journal)) {
      for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode entry = JSON.readTree(line);
        Instant at = Instant.parse(entry.path("at").asText());
        advanceTo(aws, at);
        replay(aws, entry);
        count++;
      }
    }
    Path clock = dir.resolve(CLOCK);
    if (Files.isRegularFile(clock)) {
      JsonNode c = JSON.readTree(clock.toFile());
      Instant now = Instant.parse(c.path("virtualNow").asText());
      if (speed > 0 && c.has("wallSavedAt")) {
        Duration away =
            Duration.between(Instant.parse(c.path("wallSavedAt").asText()), Instant.now());
        if (!away.isNegative()) {
          long ms = (long) Math.min(away.toMillis() * speed, Duration.ofDays(7).toMillis());
          now = now.plusMillis(ms);
        }
      }
      advanceTo(aws, now);
    }
    aws.calls().reset();
    return new LocalAws(dir, aws, count);
  }

  /**
   * Deletes the stored simulation.
   *
   * @param dir the state folder
   * @return whether there was anything to delete
   * @throws IOException when a file cannot be deleted
   */
  public static boolean reset(Path dir) throws IOException {
    boolean any = false;
    for (String f : List.of(JOURNAL, CLOCK)) {
      any |= Files.deleteIfExists(dir.resolve(f));
    }
    return any;
  }

  /** The simulated AWS. */
  public FakeAws aws() {
    return aws;
  }

  /** How many journal entries were replayed on open. */
  public int replayed() {
    return replayed;
  }

  /**
   * Appends this invocation's mutating calls to the journal and records the clock.
   *
   * @throws IOException when the state cannot be written
   */
  public void save() throws IOException {
    Files.createDirectories(dir);
    List<String> lines = new ArrayList<>();
    for (RecordedCall call : aws.calls().calls()) {
      if (!mutating(call.operation()) || call.error().isPresent()) {
        continue;
      }
      if (!(call.request() instanceof SdkPojo pojo)) {
        continue;
      }
      ObjectNode entry = JSON.createObjectNode();
      entry.put("at", call.at().toString());
      entry.put("service", call.service());
      entry.put("operation", call.operation());
      entry.put("type", call.request().getClass().getName());
      entry.set("request", SdkShapes.toJson(pojo));
      lines.add(JSON.writeValueAsString(entry));
    }
    try (BufferedWriter w =
        Files.newBufferedWriter(
            dir.resolve(JOURNAL),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
      for (String l : lines) {
        w.write(l);
        w.write('\n');
      }
    }
    aws.calls().reset();
    ObjectNode clock = JSON.createObjectNode();
    clock.put("virtualNow", aws.clock().instant().toString());
    clock.put("wallSavedAt", Instant.now().toString());
    Files.writeString(dir.resolve(CLOCK), JSON.writeValueAsString(clock));
  }

  static boolean mutating(String operation) {
    return !(operation.startsWith("Describe")
        || operation.startsWith("List")
        || operation.startsWith("Get"));
  }

  private static void advanceTo(FakeAws aws, Instant at) {
    Duration d = Duration.between(aws.clock().instant(), at);
    if (!d.isNegative() && !d.isZero()) {
      aws.time().advance(d);
    }
  }

  private static void replay(FakeAws aws, JsonNode entry) throws IOException {
    String service = entry.path("service").asText();
    String operation = entry.path("operation").asText();
    Object client =
        switch (service) {
          case FakeAws.EMR -> aws.emr();
          case FakeAws.SSM -> aws.ssm();
          case FakeAws.SFN -> aws.sfn();
          default -> throw new IOException("journal: unknown service " + service);
        };
    try {
      Class<?> type = Class.forName(entry.path("type").asText());
      SdkPojo builder = (SdkPojo) type.getMethod("builder").invoke(null);
      SdkShapes.fromJson(entry.path("request"), builder);
      Object request = ((SdkBuilder<?, ?>) builder).build();
      String method = operation.substring(0, 1).toLowerCase(Locale.ROOT) + operation.substring(1);
      Method m = findMethod(client.getClass(), method, type);
      m.setAccessible(true);
      m.invoke(client, request);
    } catch (InvocationTargetException e) {
      // The call failed the same way it would have then; the journal only holds successes, so
      // this means the simulation changed: report it rather than diverge silently.
      throw new IOException(
          "journal: replaying " + operation + " failed: " + e.getCause().getMessage(),
          e.getCause());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IOException("journal: cannot replay " + operation + ": " + e, e);
    }
  }

  private static Method findMethod(Class<?> c, String name, Class<?> param)
      throws NoSuchMethodException {
    for (Class<?> i : c.getInterfaces()) {
      try {
        return i.getMethod(name, param);
      } catch (NoSuchMethodException e) {
        // next
      }
    }
    return c.getMethod(name, param);
  }
}

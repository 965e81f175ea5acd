package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.SdkShapes;
import io.emrlaunch.stepfunctions.local.LocalEngine;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.RecordedCall;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
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

  private static final String SNS = "sns.jsonl";

  /** The simulated account (the testkit's default). */
  public static final String ACCOUNT_ID = "123456789012";

  /** The role of executions the simulation's Step Functions runs. */
  public static final String LOCAL_ROLE_ARN = "arn:aws:iam::123456789012:role/emr-launch-local";

  private final Path dir;
  private final FakeAws aws;
  private final Engine engine;
  private int replayed;

  private LocalAws(Path dir, FakeAws aws, Engine engine) {
    this.dir = dir;
    this.aws = aws;
    this.engine = engine;
  }

  /**
   * The local ASL engine behind the simulation's Step Functions: every StartExecution runs the
   * definition in simulated time against the simulated EMR, SSM, Step Functions and SNS. The calls
   * an execution makes are not journaled: replaying the StartExecution makes them again, the same
   * way (the engine and FakeEmr are seeded and run at the recorded instants).
   */
  private static final class Engine {
    final Set<Object> requests = Collections.newSetFromMap(new IdentityHashMap<>());
    final LocalSns sns;
    private final FakeAws aws;
    private LocalEngine engine;

    Engine(FakeAws aws) {
      this.aws = aws;
      this.sns = new LocalSns(aws.clock());
      // Built on the first execution: commands that run none do not pay for it.
      aws.sfnBackend().executionEngine((d, in, arn) -> engine().execute(d, in, arn));
    }

    synchronized LocalEngine engine() {
      if (engine == null) {
        engine =
            LocalEngine.builder()
                .clock(aws.clock())
                .scheduler(aws.scheduler())
                .region("us-east-1")
                .accountId(ACCOUNT_ID)
                .roleArn(LOCAL_ROLE_ARN)
                .seed(SEED)
                .pollInterval(Duration.ofSeconds(30))
                .client(marking(EmrAsyncClient.class, aws.emrAsync()))
                .client(marking(SsmAsyncClient.class, aws.ssmAsync()))
                .client(marking(SfnAsyncClient.class, aws.sfnAsync()))
                .client(sns)
                .build();
      }
      return engine;
    }

    /** A view of {@code client} that remembers each request it passes on. */
    private <T extends SdkClient> T marking(Class<T> type, T client) {
      InvocationHandler h =
          (proxy, method, args) -> {
            if (args != null) {
              for (Object a : args) {
                if (a instanceof SdkRequest) {
                  synchronized (requests) {
                    requests.add(a);
                  }
                }
              }
            }
            try {
              return method.invoke(client, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          };
      return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
    }

    boolean madeByEngine(Object request) {
      synchronized (requests) {
        return requests.contains(request);
      }
    }
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
    Engine engine = new Engine(aws);
    engine.sns.recording(false);
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
    engine.sns.recording(true);
    LocalAws local = new LocalAws(dir, aws, engine);
    local.replayed = count;
    return local;
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
    for (String f : List.of(JOURNAL, CLOCK, SNS)) {
      any |= Files.deleteIfExists(dir.resolve(f));
    }
    return any;
  }

  /** The simulated AWS. */
  public FakeAws aws() {
    return aws;
  }

  /** SNS of the simulation (publishes are recorded in {@code sns.jsonl}). */
  public LocalSns sns() {
    return engine.sns;
  }

  /** The local engine that runs the simulation's Step Functions executions. */
  public LocalEngine engine() {
    return engine.engine();
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
      if (!mutating(call.operation())
          || call.error().isPresent()
          || engine.madeByEngine(call.request())) {
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
    List<ObjectNode> published = engine.sns.drain();
    if (!published.isEmpty()) {
      try (BufferedWriter w =
          Files.newBufferedWriter(
              dir.resolve(SNS),
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND)) {
        for (ObjectNode n : published) {
          w.write(JSON.writeValueAsString(n));
          w.write('\n');
        }
      }
    }
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
          // The backends themselves (same operations): the client views of IAM and EC2 load
          // thousands of model classes, seconds of start-up for commands that never use them.
          case FakeAws.IAM -> aws.iamBackend();
          case FakeAws.EC2 -> aws.ec2Backend();
          case FakeAws.SECRETS_MANAGER -> aws.secretsManager();
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

package io.emrlaunch.benchmarks.broken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.AwsEmrLaunchFormat;
import io.emrlaunch.core.json.EmrLaunchFormat;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.core.json.RecordCodec;
import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.LaunchRequest;
import io.emrlaunch.core.launch.LaunchWait;
import io.emrlaunch.core.launch.RunJobFlowRequests;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.BootstrapAction;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.EbsConfiguration;
import io.emrlaunch.core.model.EbsVolume;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.overrides.Overrides;
import io.emrlaunch.core.repository.RecordKind;
import io.emrlaunch.core.repository.UnreadableRecordException;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic;
import io.emrlaunch.testkit.FakeAws;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Generated broken inputs against the public API (issue 14, R2): mutated records in both formats,
 * builders fed random and null values, runtime overrides of every wrong shape, mutated ASL
 * definitions and intrinsic calls, and broken records read through {@link SsmRecordStore} on the
 * testkit. Every input must end in a value or one of the documented exceptions ({@link
 * ValidationException} and its subclasses {@code AslParseException} and {@code
 * InvalidOverrideException}, {@link UnreadableRecordException}, or a builder's {@code
 * NullPointerException} naming the attribute, as docs/model.md says); and no EMR call and no SSM
 * write may happen for any of them.
 *
 * <p>Seeded: the same seed and count give the same inputs.
 */
public final class BrokenInputs {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** What one campaign saw. */
  public static final class Report {
    /** Inputs tried, by category. */
    public final Map<String, Long> inputs = new TreeMap<>();

    /** Inputs refused with a documented exception, by exception class. */
    public final Map<String, Long> refused = new TreeMap<>();

    /** Inputs accepted (a value came back). */
    public long accepted;

    /** Exceptions outside the documented types, by class. */
    public final Map<String, Long> untyped = new TreeMap<>();

    /** The first few untyped failures: category, input excerpt, exception. */
    public final List<String> examples = new ArrayList<>();

    /** EMR calls and SSM writes made by the library (setup excluded): must be 0. */
    public long awsCalls;

    /**
     * Total inputs.
     *
     * @return the count
     */
    public long total() {
      return inputs.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Total untyped exceptions.
     *
     * @return the count
     */
    public long untypedTotal() {
      return untyped.values().stream().mapToLong(Long::longValue).sum();
    }

    void merge(Report o) {
      o.inputs.forEach((k, v) -> inputs.merge(k, v, Long::sum));
      o.refused.forEach((k, v) -> refused.merge(k, v, Long::sum));
      o.untyped.forEach((k, v) -> untyped.merge(k, v, Long::sum));
      accepted += o.accepted;
      awsCalls += o.awsCalls;
      for (String e : o.examples) {
        if (examples.size() < 20) {
          examples.add(e);
        }
      }
    }

    @Override
    public String toString() {
      return "inputs="
          + total()
          + " "
          + inputs
          + "\naccepted="
          + accepted
          + " refused="
          + refused
          + "\nuntyped="
          + untypedTotal()
          + " "
          + untyped
          + " awsCalls="
          + awsCalls
          + (examples.isEmpty() ? "" : "\n  " + String.join("\n  ", examples));
    }
  }

  private final Random random;
  private final Report report = new Report();
  private final FakeAws aws;
  private final SsmRecordStore store;
  private final ClusterLauncher launcher;
  private final List<String> validRecords = new ArrayList<>();
  private final List<RecordCodec<?>> codecs = new ArrayList<>();

  private BrokenInputs(long seed) {
    this.random = new Random(seed);
    this.aws = FakeAws.builder().seed(seed).build();
    this.store = SsmRecordStore.builder().client(aws.ssmAsync()).build();
    this.launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build();
  }

  /**
   * Runs one seeded campaign.
   *
   * @param seed the seed
   * @param count how many inputs
   * @return what happened
   */
  public static Report run(long seed, int count) {
    BrokenInputs b = new BrokenInputs(seed);
    b.prepare();
    for (int i = 0; i < count; i++) {
      b.one(i);
    }
    b.report.awsCalls = b.aws.calls().count(FakeAws.EMR) + b.ssmWrites();
    return b.report;
  }

  /**
   * Runs several seeds and adds them up.
   *
   * @param firstSeed the first seed
   * @param seeds how many seeds
   * @param perSeed inputs per seed
   * @return the total
   */
  public static Report run(long firstSeed, int seeds, int perSeed) {
    Report total = new Report();
    for (int s = 0; s < seeds; s++) {
      total.merge(run(firstSeed + s, perSeed));
    }
    return total;
  }

  private long setupWrites;

  private long ssmWrites() {
    return aws.calls().count(FakeAws.SSM, "PutParameter")
        + aws.calls().count(FakeAws.SSM, "DeleteParameter")
        - setupWrites;
  }

  // ---- valid starting points ---------------------------------------------------------------

  static EmrProfile profile() {
    return EmrProfile.builder()
        .namespace("fuzz")
        .name("p")
        .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
        .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
        .masterSecurityGroup("sg-0123456789abcdef0")
        .workersSecurityGroup("sg-0123456789abcdef1")
        .logsBucket("my-logs")
        .build();
  }

  static ClusterConfiguration configuration() {
    return ClusterConfiguration.builder()
        .namespace("fuzz")
        .name("c")
        .releaseLabel("emr-7.5.0")
        .addApplications("Hadoop", "Spark")
        .addBootstrapActions(BootstrapAction.of("deps", "s3://code/bootstrap.sh", "--fast"))
        .addConfigurations(
            ApplicationConfiguration.of("spark-defaults", Map.of("spark.executor.memory", "4G")))
        .instances(
            ClusterInstances.builder()
                .ec2SubnetId("subnet-0abc1234")
                .masterGroup(InstanceGroupConfig.of("Master", "m5.xlarge", 1))
                .coreGroup(
                    InstanceGroupConfig.builder()
                        .name("Core")
                        .instanceType("m5.2xlarge")
                        .instanceCount(2)
                        .ebsConfiguration(
                            EbsConfiguration.builder()
                                .addVolumes(EbsVolume.of("gp3", 64, 1))
                                .build())
                        .build())
                .build())
        .addAllowedOverrides(
            AllowedOverride.builder()
                .name("CoreInstanceCount")
                .path("instances.coreGroup.instanceCount")
                .type(OverrideType.INTEGER)
                .build(),
            AllowedOverride.builder()
                .name("CoreInstanceType")
                .path("instances.coreGroup.instanceType")
                .build(),
            AllowedOverride.builder().name("ClusterName").path("clusterName").build(),
            AllowedOverride.builder()
                .name("ReleaseLabel")
                .path("releaseLabel")
                .addAllowedValues("emr-7.5.0", "emr-7.2.0")
                .build())
        .putTags("team", "data")
        .build();
  }

  static LaunchFunction function() {
    return LaunchFunction.builder()
        .namespace("fuzz")
        .name("f")
        .profile(RecordRef.of("fuzz", "p"))
        .configuration(RecordRef.of("fuzz", "c"))
        .clusterName("nightly")
        .putClusterTags("team", "data")
        .build();
  }

  static final List<String> DEFINITIONS =
      List.of(
          "{\"Comment\":\"c\",\"StartAt\":\"Create\",\"TimeoutSeconds\":3600,\"States\":{"
              + "\"Create\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::elasticmapreduce:"
              + "createCluster.sync\",\"Parameters\":{\"Name\":\"x\",\"Count.$\":"
              + "\"States.MathAdd($.n, 1)\",\"Args.$\":\"States.Array('a', $.b, 3)\"},"
              + "\"Retry\":[{\"ErrorEquals\":[\"States.ALL\"],\"IntervalSeconds\":2,"
              + "\"MaxAttempts\":3,\"BackoffRate\":2.0}],\"Catch\":[{\"ErrorEquals\":"
              + "[\"States.ALL\"],\"Next\":\"Fail\",\"ResultPath\":\"$.error\"}],"
              + "\"ResultPath\":\"$.cluster\",\"Next\":\"Wait\"},"
              + "\"Wait\":{\"Type\":\"Wait\",\"Seconds\":10,\"Next\":\"Choose\"},"
              + "\"Choose\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.x\","
              + "\"NumericGreaterThan\":1,\"Next\":\"Par\"}],\"Default\":\"Done\"},"
              + "\"Par\":{\"Type\":\"Parallel\",\"Branches\":[{\"StartAt\":\"P\",\"States\":{"
              + "\"P\":{\"Type\":\"Pass\",\"Result\":{\"a\":1},\"End\":true}}}],\"Next\":\"Map\"},"
              + "\"Map\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"MaxConcurrency\":2,"
              + "\"ItemProcessor\":{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Pass\","
              + "\"End\":true}}},\"Next\":\"Done\"},"
              + "\"Done\":{\"Type\":\"Succeed\"},"
              + "\"Fail\":{\"Type\":\"Fail\",\"Error\":\"E\",\"Cause\":\"C\"}}}",
          "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"SecondsPath\":\"$.s\","
              + "\"Next\":\"F\"},\"F\":{\"Type\":\"Pass\",\"Parameters\":{\"f.$\":"
              + "\"States.Format('{} {}', $.a, States.JsonToString($.b))\"},\"End\":true}}}");

  private void prepare() {
    validRecords.add(EmrLaunchFormat.of(EmrProfile.class).write(profile()));
    validRecords.add(EmrLaunchFormat.of(ClusterConfiguration.class).write(configuration()));
    validRecords.add(EmrLaunchFormat.of(LaunchFunction.class).write(function()));
    validRecords.add(AwsEmrLaunchFormat.profiles().write(profile()));
    validRecords.add(AwsEmrLaunchFormat.configurations().write(configuration()));
    validRecords.add(AwsEmrLaunchFormat.launchFunctions().write(function()));
    codecs.add(EmrLaunchFormat.of(EmrProfile.class));
    codecs.add(EmrLaunchFormat.of(ClusterConfiguration.class));
    codecs.add(EmrLaunchFormat.of(LaunchFunction.class));
    codecs.add(AwsEmrLaunchFormat.profiles());
    codecs.add(AwsEmrLaunchFormat.configurations());
    codecs.add(AwsEmrLaunchFormat.launchFunctions());
  }

  // ---- one input ---------------------------------------------------------------------------

  private void one(int i) {
    int kind = random.nextInt(100);
    if (kind < 35) {
      codec();
    } else if (kind < 55) {
      asl();
    } else if (kind < 63) {
      intrinsic();
    } else if (kind < 78) {
      builder();
    } else if (kind < 92) {
      overrides();
    } else if (kind < 97) {
      storeRead();
    } else {
      launch();
    }
  }

  private void codec() {
    int which = random.nextInt(codecs.size());
    String text = mutateText(validRecords.get(which));
    RecordCodec<?> codec = codecs.get(which % 3 + (random.nextBoolean() ? 0 : 3));
    attempt((which < 3 ? "codec-own" : "codec-aws"), text, () -> codec.read(text));
  }

  private void asl() {
    String text = mutateText(DEFINITIONS.get(random.nextInt(DEFINITIONS.size())));
    attempt(
        "asl",
        text,
        () -> {
          StateMachine m = StateMachine.fromJson(text);
          m.validate();
          return m.toJson();
        });
  }

  private void intrinsic() {
    String text = randomIntrinsic(0);
    if (random.nextInt(4) == 0) {
      text = mutateString(text);
    }
    String t = text;
    attempt("intrinsic", t, () -> Intrinsic.parse(t).render());
  }

  private static final List<Supplier<Object>> BUILDERS =
      List.of(
          EmrProfile::builder,
          ClusterConfiguration::builder,
          ClusterInstances::builder,
          InstanceGroupConfig::builder,
          ApplicationConfiguration::builder,
          BootstrapAction::builder,
          EmrStep::builder,
          LaunchFunction::builder,
          AllowedOverride::builder,
          LaunchRequest::builder);

  private void builder() {
    int which = random.nextInt(BUILDERS.size());
    Object b = BUILDERS.get(which).get();
    List<Method> setters = new ArrayList<>();
    for (Method m : b.getClass().getMethods()) {
      if (m.getDeclaringClass() != Object.class
          && m.getDeclaringClass().getSimpleName().equals("Builder")
          && !m.getName().equals("build")
          && !Modifier.isStatic(m.getModifiers())
          && m.getParameterCount() >= 1
          && m.getParameterCount() <= 2
          && !m.getName().equals("from")) {
        setters.add(m);
      }
    }
    setters.sort(java.util.Comparator.comparing(Method::toString));
    if (setters.isEmpty()) {
      throw new IllegalStateException("no setters on " + b.getClass());
    }
    if (which == 0) {
      // start from the valid profile and break a field of it
      fill(b, "from", profile());
    } else if (which == 1) {
      fill(b, "from", configuration());
    }
    StringBuilder desc = new StringBuilder(b.getClass().getEnclosingClass().getSimpleName());
    int calls = 1 + random.nextInt(4);
    for (int c = 0; c < calls; c++) {
      Method m = setters.get(random.nextInt(setters.size()));
      Object[] args = new Object[m.getParameterCount()];
      for (int a = 0; a < args.length; a++) {
        args[a] = randomValue(m.getGenericParameterTypes()[a]);
      }
      boolean nullGiven = false;
      for (Object arg : args) {
        nullGiven |= containsNull(arg);
      }
      desc.append('.').append(m.getName()).append(describe(args));
      try {
        m.setAccessible(true);
        m.invoke(b, args);
      } catch (InvocationTargetException e) {
        count("builder", desc.toString(), e.getCause(), nullGiven ? m.getName() : null);
        return;
      } catch (IllegalAccessException | IllegalArgumentException e) {
        continue; // a value of the wrong Java type for a generic parameter: not an input
      }
    }
    attempt(
        "builder",
        desc.toString(),
        () -> {
          Method build = b.getClass().getMethod("build");
          build.setAccessible(true);
          Object v = build.invoke(b);
          validateIfPossible(v);
          if (v instanceof ClusterConfiguration c) {
            return RunJobFlowRequests.from(profile(), c, null, Map.of(), List.of());
          }
          if (v instanceof EmrProfile p) {
            return RunJobFlowRequests.from(p, configuration(), null, Map.of(), List.of());
          }
          return v;
        });
  }

  private static void fill(Object builder, String method, Object value) {
    for (Method m : builder.getClass().getMethods()) {
      if (m.getName().equals(method)
          && m.getParameterCount() == 1
          && m.getParameterTypes()[0].isInstance(value)) {
        try {
          m.setAccessible(true);
          m.invoke(builder, value);
          return;
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static void validateIfPossible(Object v) throws ReflectiveOperationException {
    for (Class<?> i : v.getClass().getInterfaces()) {
      try {
        Method validate = i.getMethod("validate");
        validate.setAccessible(true);
        validate.invoke(v);
        return;
      } catch (NoSuchMethodException e) {
        // no rules
      }
    }
  }

  private void overrides() {
    Map<String, Object> o = new LinkedHashMap<>();
    int n = 1 + random.nextInt(3);
    List<String> names =
        List.of("CoreInstanceCount", "CoreInstanceType", "ClusterName", "ReleaseLabel", "Nope", "");
    for (int i = 0; i < n; i++) {
      o.put(names.get(random.nextInt(names.size())), randomOverrideValue());
    }
    attempt("overrides", o.toString(), () -> Overrides.apply(configuration(), o));
  }

  private void storeRead() {
    int which = random.nextInt(3);
    RecordKind<?> kind =
        List.of(RecordKind.PROFILE, RecordKind.CONFIGURATION, RecordKind.LAUNCH_FUNCTION)
            .get(which);
    String text = mutateText(validRecords.get(which + (random.nextBoolean() ? 0 : 3)));
    String name = "r" + random.nextInt(1_000_000);
    String folder =
        switch (which) {
          case 0 -> "emr_profiles";
          case 1 -> "cluster_configurations";
          default -> "emr_launch_functions";
        };
    String parameter = "/emr_launch/" + folder + "/fuzz/" + name;
    if (text.isEmpty() || text.length() > 8000) {
      codec(); // SSM itself refuses these: not an input the store can meet
      return;
    }
    try {
      aws.ssm().putParameter(r -> r.name(parameter).value(text).type("String").overwrite(true));
    } catch (RuntimeException e) {
      setupWrites++; // a refused put is logged too
      codec(); // SSM itself refuses this value: not an input the store can meet
      return;
    }
    setupWrites++;
    attempt(
        "store",
        text,
        () -> {
          CompletableFuture<?> f =
              switch (which) {
                case 0 -> store.profiles().get(RecordRef.of("fuzz", name));
                case 1 -> store.configurations().get(RecordRef.of("fuzz", name));
                default -> store.launchFunctions().get(RecordRef.of("fuzz", name));
              };
          return aws.time().runUntil(f, Duration.ofMinutes(1)).join();
        });
  }

  private void launch() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put(random.nextBoolean() ? "CoreInstanceCount" : "CoreInstanceType", randomBadValue());
    long before = aws.calls().count(FakeAws.EMR);
    attempt(
        "launch",
        o.toString(),
        () -> {
          var f =
              launcher.launch(
                  r ->
                      r.profile(profile())
                          .configuration(configuration())
                          .putAllOverrides(o)
                          .waitFor(LaunchWait.NONE));
          return aws.time().runUntil(f, Duration.ofMinutes(1)).join();
        });
    if (aws.calls().count(FakeAws.EMR) != before) {
      // a broken override launched a cluster: garbage reached RunJobFlow
      report.examples.add("launch sent EMR calls for " + o);
    }
  }

  // ---- outcome bookkeeping -----------------------------------------------------------------

  @FunctionalInterface
  private interface Attempt {
    Object run() throws Exception;
  }

  private void attempt(String category, String input, Attempt a) {
    try {
      a.run();
      report.inputs.merge(category, 1L, Long::sum);
      report.accepted++;
    } catch (Throwable t) {
      count(category, input, t, null);
    }
  }

  private void count(String category, String input, Throwable t, String setter) {
    report.inputs.merge(category, 1L, Long::sum);
    Throwable e = unwrap(t);
    if (documented(e, setter)) {
      report.refused.merge(e.getClass().getSimpleName(), 1L, Long::sum);
      return;
    }
    report.untyped.merge(e.getClass().getName(), 1L, Long::sum);
    if (report.examples.size() < 20) {
      String excerpt = input.length() > 160 ? input.substring(0, 160) + "..." : input;
      report.examples.add(
          category + ": " + e + " at " + firstFrame(e) + " <- " + excerpt.replace('\n', ' '));
    }
  }

  private static String firstFrame(Throwable e) {
    StackTraceElement[] st = e.getStackTrace();
    return st.length == 0 ? "?" : st[0].toString();
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException
            || t instanceof ExecutionException
            || t instanceof InvocationTargetException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * The documented outcomes of bad input. {@code setter} is the builder method that was given a
   * null (itself or inside a collection), or null.
   */
  private static boolean documented(Throwable e, String setter) {
    if (e instanceof ValidationException || e instanceof UnreadableRecordException) {
      return true;
    }
    // docs/model.md: a builder method given null throws a NullPointerException (naming the
    // attribute for single values, elements and map values)
    if (setter != null && e instanceof NullPointerException) {
      String attribute = attribute(setter);
      if (e.getMessage() == null) {
        // the JIT's preallocated NPE (OmitStackTraceInFastThrow) after many identical ones
        return true;
      }
      String message = e.getMessage();
      return message.startsWith(attribute)
          || setter.startsWith("addAll")
          || setter.startsWith("putAll")
          || message.startsWith("Cannot ");
    }
    return false;
  }

  private static boolean containsNull(Object arg) {
    if (arg == null) {
      return true;
    }
    if (arg instanceof Iterable<?> i) {
      for (Object o : i) {
        if (o == null) {
          return true;
        }
      }
    }
    if (arg instanceof Map<?, ?> m) {
      return m.containsValue(null) || m.containsKey(null);
    }
    if (arg instanceof Map.Entry<?, ?> e) {
      return e.getKey() == null || e.getValue() == null;
    }
    if (arg instanceof Object[] a) {
      for (Object o : a) {
        if (o == null) {
          return true;
        }
      }
    }
    return false;
  }

  private static String attribute(String method) {
    for (String prefix : List.of("addAll", "putAll", "add", "put")) {
      if (method.startsWith(prefix)
          && method.length() > prefix.length()
          && Character.isUpperCase(method.charAt(prefix.length()))) {
        String rest = method.substring(prefix.length());
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
      }
    }
    return method;
  }

  // ---- generators --------------------------------------------------------------------------

  private String mutateText(String valid) {
    int how = random.nextInt(10);
    if (how < 7) {
      try {
        JsonNode tree = EmrLaunchJson.reader().readTree(valid);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
          tree = mutateTree(tree);
        }
        return tree.toString();
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return mutateString(valid);
  }

  private String mutateString(String s) {
    if (s.isEmpty()) {
      return random.nextBoolean() ? "{" : "[]";
    }
    switch (random.nextInt(6)) {
      case 0:
        return s.substring(0, random.nextInt(s.length() + 1));
      case 1:
        {
          int at = random.nextInt(s.length() + 1);
          return s.substring(0, at) + randomText() + s.substring(at);
        }
      case 2:
        {
          int at = random.nextInt(s.length());
          return s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + random.nextInt(5)));
        }
      case 3:
        return "[".repeat(1 + random.nextInt(3000)) + s;
      case 4:
        return random.nextBoolean() ? "null" : random.nextBoolean() ? "" : "1e999999999";
      default:
        return s.replace("1", randomNumberText());
    }
  }

  private JsonNode mutateTree(JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty()) {
      return randomNode(0);
    }
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ObjectNode o && o.size() > 0) {
      List<String> keys = new ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      String key = keys.get(random.nextInt(keys.size()));
      switch (random.nextInt(4)) {
        case 0 -> o.remove(key);
        case 1 -> o.set(key + (random.nextBoolean() ? "x" : ""), randomNode(0));
        default -> o.set(key, randomNode(0));
      }
    } else if (target instanceof ArrayNode a && a.size() > 0) {
      int i = random.nextInt(a.size());
      if (random.nextBoolean()) {
        a.set(i, randomNode(0));
      } else {
        a.insert(i, randomNode(0));
      }
    } else if (target instanceof ObjectNode o) {
      o.set(randomText(), randomNode(0));
    } else if (target instanceof ArrayNode a) {
      a.add(randomNode(0));
    }
    return random.nextInt(50) == 0 ? randomNode(0) : root;
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
        collect(it.next(), out);
      }
    }
  }

  private JsonNode randomNode(int depth) {
    int k = random.nextInt(depth > 3 ? 8 : 11);
    switch (k) {
      case 0:
        return F.nullNode();
      case 1:
        return F.textNode(randomText());
      case 2:
        return F.numberNode(randomLong());
      case 3:
        return F.numberNode(randomDouble());
      case 4:
        return F.booleanNode(random.nextBoolean());
      case 5:
        return F.numberNode(new BigInteger(randomDigits(1 + random.nextInt(40))));
      case 6:
        return F.numberNode(decimal(randomNumberText()));
      case 7:
        return F.textNode("");
      case 8:
        {
          ArrayNode a = F.arrayNode();
          int n = random.nextInt(4);
          for (int i = 0; i < n; i++) {
            a.add(randomNode(depth + 1));
          }
          return a;
        }
      case 9:
        {
          ObjectNode o = F.objectNode();
          int n = random.nextInt(4);
          for (int i = 0; i < n; i++) {
            o.set(random.nextBoolean() ? randomText() : "a", randomNode(depth + 1));
          }
          return o;
        }
      default:
        {
          // nesting far beyond anything real
          JsonNode n = F.numberNode(1);
          int levels = random.nextInt(200);
          for (int i = 0; i < levels; i++) {
            n = random.nextBoolean() ? F.arrayNode().add(n) : F.objectNode().set("a", n);
          }
          return n;
        }
    }
  }

  private String randomText() {
    List<String> pool =
        List.of(
            "?",
            "*",
            "s3://",
            "../x",
            "\u0000",
            "x".repeat(300),
            "sg-",
            "subnet-0abc",
            "ami-12",
            "m5.xlarge",
            "emr-7.5.0",
            "arn:aws:iam::123456789012:role/R",
            "${jndi:x}",
            "\ud800",
            "null",
            "68",
            "password",
            "/emr_launch/../x",
            "States.Array(1)",
            "$.x",
            "$$",
            "CORE",
            "MASTER",
            "SPOT",
            "é");
    String s = pool.get(random.nextInt(pool.size()));
    return random.nextInt(4) == 0 ? s + random.nextInt(10) : s;
  }

  private long randomLong() {
    List<Long> pool =
        List.of(
            0L,
            -1L,
            1L,
            2L,
            3L,
            (long) Integer.MAX_VALUE,
            (long) Integer.MIN_VALUE,
            4294967298L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            100_000L);
    return pool.get(random.nextInt(pool.size()));
  }

  private double randomDouble() {
    double[] pool = {2.7, -0.5, 1e300, -1e300, 1e-300, 0.1, Double.MAX_VALUE, 3.0};
    return pool[random.nextInt(pool.length)];
  }

  private String randomNumberText() {
    List<String> pool =
        List.of(
            "1e400",
            "-1e400",
            "1e999999999",
            "1e9999999999",
            "1e-999999999",
            "18446744073709551619",
            "4294967298",
            "2.7",
            "0.0000001",
            "-0",
            "1E+2",
            "123456789012345678901234567890.5");
    return pool.get(random.nextInt(pool.size()));
  }

  /** The literal as a BigDecimal; one beyond BigDecimal's exponent range becomes 1e999999999. */
  private static BigDecimal decimal(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return new BigDecimal("1e999999999");
    }
  }

  private String randomDigits(int n) {
    StringBuilder b = new StringBuilder().append(1 + random.nextInt(9));
    for (int i = 1; i < n; i++) {
      b.append(random.nextInt(10));
    }
    return b.toString();
  }

  private String randomIntrinsic(int depth) {
    List<String> fns =
        List.of(
            "States.Array",
            "States.Format",
            "States.MathAdd",
            "States.StringToJson",
            "States.JsonToString",
            "States.ArrayLength",
            "States.ArrayGetItem",
            "States.Hash",
            "States.UUID",
            "States.MathRandom",
            "States.Base64Encode",
            "States.ArrayRange",
            "States.Nope");
    if (depth > 0 && random.nextInt(3) == 0) {
      return randomArgument(depth);
    }
    String f = fns.get(random.nextInt(fns.size()));
    int n = random.nextInt(4);
    StringBuilder b = new StringBuilder(f).append('(');
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ", ");
      b.append(
          depth < 20 && random.nextInt(3) == 0
              ? randomIntrinsic(depth + 1)
              : randomArgument(depth));
    }
    if (random.nextInt(30) == 0) {
      int levels = 11 + random.nextInt(2000);
      b.append(", ").append("States.Array(".repeat(levels)).append(1).append(")".repeat(levels));
    }
    return b.append(')').toString();
  }

  private String randomArgument(int depth) {
    return switch (random.nextInt(7)) {
      case 0 -> randomNumberText();
      case 1 -> String.valueOf(randomLong());
      case 2 -> "'" + randomText().replace("'", "") + "'";
      case 3 -> "$.a.b[0]";
      case 4 -> random.nextBoolean() ? "true" : "null";
      case 5 -> "'{}'";
      default -> "$$.Execution.Id";
    };
  }

  private Object randomOverrideValue() {
    return switch (random.nextInt(12)) {
      case 0 -> null;
      case 1 -> randomText();
      case 2 -> randomLong();
      case 3 -> randomDouble();
      case 4 -> Double.NaN;
      case 5 -> new BigInteger(randomDigits(1 + random.nextInt(30)));
      case 6 -> decimal(randomNumberText());
      case 7 -> random.nextBoolean();
      case 8 -> List.of(1, 2);
      case 9 -> randomNode(0);
      case 10 -> Integer.MAX_VALUE;
      default -> 3;
    };
  }

  private Object randomBadValue() {
    return switch (random.nextInt(6)) {
      case 0 -> null;
      case 1 -> "\u0000";
      case 2 -> Integer.MAX_VALUE;
      case 3 -> "?";
      case 4 -> 2.5;
      default -> new BigDecimal("1e400");
    };
  }

  private Object randomValue(java.lang.reflect.Type generic) {
    if (generic instanceof java.lang.reflect.ParameterizedType p
        && p.getRawType() instanceof Class<?> raw) {
      java.lang.reflect.Type[] args = p.getActualTypeArguments();
      java.lang.reflect.Type last = args[args.length - 1];
      if (last instanceof java.lang.reflect.WildcardType w) {
        last = w.getUpperBounds()[0];
      }
      if (random.nextInt(5) == 0) {
        return null;
      }
      if (raw == java.util.Optional.class) {
        return java.util.Optional.ofNullable(randomValue(last));
      }
      if (Iterable.class.isAssignableFrom(raw)) {
        List<Object> l = new ArrayList<>();
        l.add(randomValue(last));
        return l;
      }
      if (Map.class.isAssignableFrom(raw)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(randomText(), randomValue(last));
        return m;
      }
      if (raw == Map.Entry.class) {
        // a value of the entry's own type (or null): a String where an ApplicationOptions belongs
        // is heap pollution no caller can write without an unchecked cast, not a broken input
        return new java.util.AbstractMap.SimpleEntry<>(randomText(), randomValue(last));
      }
      return null;
    }
    if (generic instanceof Class<?> c) {
      if (c.isArray()) {
        Object a = java.lang.reflect.Array.newInstance(c.getComponentType(), 1);
        if (!c.getComponentType().isPrimitive()) {
          java.lang.reflect.Array.set(a, 0, randomValue(c.getComponentType()));
        }
        return random.nextInt(8) == 0 ? null : a;
      }
      return randomValue(c);
    }
    return null;
  }

  private Object randomValue(Class<?> type) {
    if (random.nextInt(5) == 0 && !type.isPrimitive()) {
      return null;
    }
    if (type == String.class) {
      return randomText();
    }
    if (type == int.class || type == Integer.class) {
      return (int) randomLong();
    }
    if (type == long.class || type == Long.class) {
      return randomLong();
    }
    if (type == double.class || type == Double.class) {
      return random.nextBoolean() ? randomDouble() : Double.NaN;
    }
    if (type == boolean.class || type == Boolean.class) {
      return random.nextBoolean();
    }
    if (type == java.util.Optional.class) {
      return java.util.Optional.of(randomText());
    }
    if (type == Duration.class) {
      return random.nextBoolean() ? Duration.ofSeconds(-1) : Duration.ZERO;
    }
    if (type == RecordRef.class) {
      return RecordRef.of("fuzz", "p");
    }
    if (type == EmrProfile.class) {
      return profile();
    }
    if (type == ClusterConfiguration.class) {
      return configuration();
    }
    if (type == InstanceGroupConfig.class) {
      return InstanceGroupConfig.of(randomText(), randomText(), (int) randomLong());
    }
    if (type == BootstrapAction.class) {
      return BootstrapAction.of(randomText(), randomText());
    }
    if (Iterable.class.isAssignableFrom(type) || type == List.class) {
      List<Object> l = new ArrayList<>();
      l.add(random.nextBoolean() ? null : randomText());
      return l;
    }
    if (Map.class.isAssignableFrom(type)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(randomText(), random.nextBoolean() ? null : randomText());
      return m;
    }
    if (type == Object.class) {
      return randomOverrideValue();
    }
    if (type.isEnum()) {
      Object[] c = type.getEnumConstants();
      return c[random.nextInt(c.length)];
    }
    if (type.isArray()) {
      Object a = java.lang.reflect.Array.newInstance(type.getComponentType(), 1);
      if (type.getComponentType() == String.class) {
        java.lang.reflect.Array.set(a, 0, random.nextBoolean() ? null : randomText());
      }
      return a;
    }
    return null;
  }

  private static String describe(Object[] args) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < args.length; i++) {
      String s = String.valueOf(args[i]);
      b.append(i == 0 ? "" : ", ").append(s.length() > 30 ? s.substring(0, 30) + "..." : s);
    }
    return b.append(')').toString();
  }
}

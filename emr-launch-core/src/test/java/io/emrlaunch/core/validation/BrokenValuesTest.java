package io.emrlaunch.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.AwsEmrLaunchFormat;
import io.emrlaunch.core.json.EmrLaunchFormat;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.core.json.RecordCodec;
import io.emrlaunch.core.launch.RunJobFlowRequests;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterInstances;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EbsVolume;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.InstanceFleetConfig;
import io.emrlaunch.core.model.InstanceGroupConfig;
import io.emrlaunch.core.model.InstanceTypeConfig;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.model.S3Encryption;
import io.emrlaunch.core.model.SecurityConfiguration;
import io.emrlaunch.core.model.SparkJob;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Seeded random broken values: every case must fail with a {@link ValidationException} whose
 * problems all name a field, and never with another exception. The seed is in every message.
 */
class BrokenValuesTest {
  static final long SEED = Long.getLong("brokenValues.seed", 20261123L);
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** A way to break a valid configuration, and the path prefix its problem must carry. */
  record Breaker(
      String expectedPath,
      Function<Random, Function<ClusterConfiguration, ClusterConfiguration>> make) {}

  static final String[] BAD_NAMES = {
    "", " ", "a b", "x..y", "aws-thing", "AWSx", "ssm1", "na/me", "é", "a*"
  };
  static final String[] BAD_RELEASES = {
    "", "7.5.0", "emr-7", "emr-7.5", "EMR-7.5.0", "emr-7.5.0-beta", "emr-x.y.z"
  };

  static ClusterInstances inst(ClusterConfiguration c) {
    return c.instances();
  }

  static InstanceGroupConfig core(ClusterConfiguration c) {
    return (c.instances()
        .coreGroup()
        .orElse(io.emrlaunch.core.model.InstanceGroupConfig.of("Core", "m5.xlarge", 2)));
  }

  static final List<Breaker> BREAKERS =
      List.of(
          new Breaker("name", r -> c -> c.withName(pick(r, BAD_NAMES))),
          new Breaker("namespace", r -> c -> c.withNamespace(pick(r, BAD_NAMES))),
          new Breaker("releaseLabel", r -> c -> c.withReleaseLabel(pick(r, BAD_RELEASES))),
          new Breaker(
              "stepConcurrencyLevel",
              r ->
                  c ->
                      c.withStepConcurrencyLevel(
                          r.nextBoolean() ? -r.nextInt(1000) : 257 + r.nextInt(10_000))),
          new Breaker(
              "stepConcurrencyLevel",
              r ->
                  c ->
                      c.withReleaseLabel("emr-5." + r.nextInt(28) + ".0")
                          .withStepConcurrencyLevel(2 + r.nextInt(200))),
          new Breaker(
              "autoTerminationIdleTimeoutSeconds",
              r ->
                  c ->
                      c.withAutoTerminationIdleTimeoutSeconds(
                          r.nextBoolean()
                              ? (long) r.nextInt(60) - 30
                              : 604_801L + r.nextInt(1 << 20))),
          new Breaker(
              "ebsRootVolumeSize",
              r ->
                  c ->
                      c.withEbsRootVolumeSize(
                          r.nextBoolean() ? r.nextInt(15) - 5 : 101 + r.nextInt(5000))),
          new Breaker(
              "instances.coreGroup.instanceCount",
              r ->
                  c ->
                      c.withInstances(
                          inst(c).withCoreGroup(core(c).withInstanceCount(-1 - r.nextInt(1000))))),
          new Breaker(
              "instances.coreGroup.instanceType",
              r ->
                  c ->
                      c.withInstances(
                          inst(c)
                              .withCoreGroup(
                                  core(c).withInstanceType(r.nextBoolean() ? "" : "   ")))),
          new Breaker(
              "instances.coreGroup.bidPrice",
              r ->
                  c ->
                      c.withInstances(
                          inst(c)
                              .withCoreGroup(
                                  core(c).withBidPrice(pick(r, "free", "-1", "0", "1e"))))),
          new Breaker(
              "instances.coreGroup.ebsConfiguration.volumes[0]",
              r ->
                  c ->
                      c.withInstances(
                          inst(c)
                              .withCoreGroup(
                                  core(c)
                                      .withEbsConfiguration(
                                          io.emrlaunch.core.model.EbsConfiguration.builder()
                                              .addVolumes(
                                                  r.nextBoolean()
                                                      ? EbsVolume.of(
                                                          pick(r, "ssd", "GP3", ""), 100, 1)
                                                      : EbsVolume.of(
                                                          "gp3", -r.nextInt(100), 1 + r.nextInt(3)))
                                              .build())))),
          new Breaker(
              "instances.masterGroup.instanceCount",
              r ->
                  c -> {
                    int n = r.nextInt(20);
                    n = n == 1 || n == 3 ? 2 : n;
                    return c.withInstances(
                        inst(c)
                            .withMasterGroup(
                                (c.instances()
                                        .masterGroup()
                                        .orElse(
                                            io.emrlaunch.core.model.InstanceGroupConfig.of(
                                                "Master", "m5.xlarge", 1)))
                                    .withInstanceCount(n)));
                  }),
          new Breaker(
              "instances",
              r ->
                  c ->
                      c.withInstances(
                          inst(c)
                              .withMasterFleet(
                                  InstanceFleetConfig.builder()
                                      .targetOnDemandCapacity(1)
                                      .addInstanceTypeConfigs(InstanceTypeConfig.of("m5.xlarge"))
                                      .build()))),
          new Breaker(
              "instances.masterGroup",
              r -> c -> c.withInstances(inst(c).withMasterGroup(java.util.Optional.empty()))),
          new Breaker(
              "managedScaling.maximumCapacityUnits",
              r ->
                  c ->
                      c.withManagedScaling(
                          io.emrlaunch.core.model.ManagedScalingPolicy.builder()
                              .unitType(
                                  io.emrlaunch.core.model.ManagedScalingPolicy.UnitType.INSTANCES)
                              .minimumCapacityUnits(5 + r.nextInt(50))
                              .maximumCapacityUnits(r.nextInt(5))
                              .build())),
          new Breaker(
              "secretConfigurations",
              r ->
                  c ->
                      c.withSecretConfigurations(
                          Map.of("hive-site", pick(r, "secret", "arn:aws:s3:::x", "")))),
          new Breaker(
              "allowedOverrides[0]",
              r ->
                  c ->
                      c.withAllowedOverrides(
                          io.emrlaunch.core.model.AllowedOverride.builder()
                              .name("X")
                              .path(
                                  pick(
                                      r,
                                      "instances.nope",
                                      "instances.coreGroup",
                                      "applications.x",
                                      "",
                                      "a..b"))
                              .build())),
          new Breaker(
              "bootstrapActions[0]",
              r ->
                  c ->
                      c.withBootstrapActions(
                          io.emrlaunch.core.model.BootstrapAction.of(
                              r.nextBoolean() ? "" : "n", r.nextBoolean() ? " " : ""))));

  @SafeVarargs
  static <T> T pick(Random r, T... values) {
    return values[r.nextInt(values.length)];
  }

  @Test
  void randomlyBrokenConfigurationsFailWithPathsNamingEachBreak() {
    Random random = new Random(SEED);
    List<Supplier<ClusterConfiguration>> bases =
        List.of(
            () -> ClusterPresets.instanceGroups(PresetOptions.of("groups", "subnet-0abc")),
            () ->
                ClusterPresets.instanceGroupsWithAutoScaling(
                    PresetOptions.of("auto", "subnet-0abc")),
            () ->
                ClusterPresets.instanceGroupsWithManagedScaling(
                    PresetOptions.of("managed", "subnet-0abc")));
    int cases = 600;
    for (int i = 0; i < cases; i++) {
      String where = "seed " + SEED + ", case " + i;
      ClusterConfiguration c = bases.get(random.nextInt(bases.size())).get();
      assertThat(c.validationProblems()).as(where).isEmpty();
      int breaks = 1 + random.nextInt(3);
      List<String> expected = new ArrayList<>();
      for (int k = 0; k < breaks; k++) {
        Breaker b = BREAKERS.get(random.nextInt(BREAKERS.size()));
        c = b.make().apply(random).apply(c);
        expected.add(b.expectedPath());
      }
      ValidationException e = expectValidation(where, c::validate);
      for (String path : expected) {
        // a later break may remove what an earlier one broke (e.g. the master group); only the
        // last break is certain to survive
        if (path.equals(expected.get(expected.size() - 1))) {
          assertThat(e.problems())
              .as(where + " " + e.getMessage())
              .anyMatch(p -> p.path().startsWith(path));
        }
      }
      // the launch mapping refuses the same input, with the same problems under "configuration."
      ClusterConfiguration broken = c;
      ValidationException viaLaunch =
          expectValidation(
              where,
              () ->
                  RunJobFlowRequests.from(
                      EmrProfile.builder().name("p").serviceRole("S").instanceRole("I").build(),
                      broken,
                      "n",
                      Map.of()));
      assertThat(viaLaunch.problems())
          .as(where)
          .allMatch(p -> p.path().startsWith("configuration."));
    }
  }

  @Test
  void randomlyBrokenProfilesAndJobsFailWithPaths() {
    Random random = new Random(SEED + 1);
    for (int i = 0; i < 300; i++) {
      String where = "seed " + (SEED + 1) + ", case " + i;
      EmrProfile p =
          EmrProfile.builder()
              .name("p")
              .serviceRole("EMR_DefaultRole")
              .instanceRole("EMR_EC2_DefaultRole")
              .build();
      switch (random.nextInt(8)) {
        case 0 -> p = p.withName(pick(random, BAD_NAMES));
        case 1 ->
            p = p.withServiceRole(pick(random, "", "role with space", "arn:aws:iam::1:role/x"));
        case 2 -> p = p.withMasterSecurityGroup(pick(random, "sg", "group-1", "sg-XYZ"));
        case 3 -> p = p.withLogsBucket(pick(random, "B", "a", "bucket_name", "-x-"));
        case 4 -> p = p.withKerberosAttributesSecretArn(pick(random, "secret", "arn:aws:s3:::b"));
        case 5 ->
            p =
                p.withSecurityConfigurationName("sc")
                    .withSecurityConfiguration(
                        SecurityConfiguration.builder()
                            .s3Encryption(
                                io.emrlaunch.core.model.S3Encryption.builder()
                                    .mode(
                                        pick(
                                            random,
                                            S3Encryption.Mode.SSE_KMS,
                                            S3Encryption.Mode.CSE_KMS,
                                            S3Encryption.Mode.CSE_CUSTOM))
                                    .build())
                            .build());
        case 6 -> p = p.withNamespace(pick(random, BAD_NAMES));
        default -> p = p.withVpcId(pick(random, "vpc", "vpc-XYZ", "subnet-1"));
      }
      EmrProfile broken = p;
      expectValidation(where, broken::validate);
      SparkJob job =
          SparkJob.builder()
              .jobName("j")
              .entryPoint(pick(random, "main.py", "s3://b", "http://x/y.py", ""))
              .executorMemory(pick(random, "16G", "lots", "0G", "-1"))
              .build();
      expectValidation(
          where,
          () ->
              RunJobFlowRequests.from(
                  EmrProfile.builder().name("p").serviceRole("S").instanceRole("I").build(), job));
    }
  }

  /** Random JSON mutations of valid records, read through every codec, then validated. */
  @Test
  void randomlyMutatedRecordsNeverThrowAnythingButValidationException() throws Exception {
    Random random = new Random(SEED + 2);
    ClusterConfiguration config =
        ClusterPresets.instanceGroupsWithAutoScaling(PresetOptions.of("auto", "subnet-0abc"));
    EmrProfile profile =
        EmrProfile.builder()
            .name("p")
            .serviceRole("arn:aws:iam::123456789012:role/S")
            .instanceRole("arn:aws:iam::123456789012:role/I")
            .securityConfigurationName("sc")
            .securityConfiguration(
                SecurityConfiguration.builder().s3Encryption(S3Encryption.sseS3()).build())
            .build();
    LaunchFunction function =
        LaunchFunction.builder()
            .name("f")
            .profile(RecordRef.of("p"))
            .configuration(RecordRef.of("auto"))
            .clusterName("c")
            .allowedOverrides(config.allowedOverrides())
            .build();
    List<Case<?>> codecs =
        List.of(
            new Case<>(
                EmrLaunchFormat.of(ClusterConfiguration.class),
                config,
                ClusterConfiguration::validate),
            new Case<>(AwsEmrLaunchFormat.configurations(), config, ClusterConfiguration::validate),
            new Case<>(EmrLaunchFormat.of(EmrProfile.class), profile, EmrProfile::validate),
            new Case<>(AwsEmrLaunchFormat.profiles(), profile, EmrProfile::validate),
            new Case<>(
                EmrLaunchFormat.of(LaunchFunction.class), function, LaunchFunction::validate),
            new Case<>(AwsEmrLaunchFormat.launchFunctions(), function, LaunchFunction::validate));
    int failures = 0;
    int total = 0;
    for (Case<?> c : codecs) {
      for (int i = 0; i < 150; i++) {
        String where =
            "seed " + (SEED + 2) + ", " + c.codec.getClass().getSimpleName() + " case " + i;
        ObjectNode tree = (ObjectNode) EmrLaunchJson.newMapper().readTree(c.written());
        for (int m = 0, n = 1 + random.nextInt(3); m < n; m++) {
          mutate(tree, random);
        }
        total++;
        try {
          c.readAndValidate(tree.toString());
        } catch (ValidationException e) {
          failures++;
          assertThat(e.problems())
              .as(where + ": " + e.getMessage())
              .allMatch(p -> !p.path().isEmpty());
        } catch (RuntimeException e) {
          fail(where + ": " + tree + " threw " + e, e);
        }
      }
    }
    // most random mutations break something; make sure the generator is not toothless
    assertThat(failures).as("seed " + (SEED + 2)).isGreaterThan(total / 2);
  }

  record Case<T>(RecordCodec<T> codec, T value, java.util.function.Consumer<T> validate) {
    String written() {
      return codec.write(value);
    }

    void readAndValidate(String json) {
      validate.accept(codec.read(json));
    }
  }

  static final JsonNode[] JUNK = {
    F.nullNode(), F.textNode(""), F.textNode("x y"), F.numberNode(-1), F.numberNode(1e12),
    F.numberNode(0.5), F.booleanNode(true), F.arrayNode(), F.objectNode(), F.textNode("aws..ssm"),
    F.arrayNode().add(F.nullNode()), F.textNode("emr-1.2")
  };

  /** Replaces or removes one random node below the root (the root stays an object). */
  static void mutate(ObjectNode root, Random r) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode container = containers.get(r.nextInt(containers.size()));
    if (container instanceof ObjectNode o && o.size() > 0) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.get(r.nextInt(names.size()));
      if (r.nextInt(4) == 0) {
        o.remove(name);
      } else {
        o.set(name, JUNK[r.nextInt(JUNK.length)].deepCopy());
      }
    } else if (container instanceof ArrayNode a && a.size() > 0) {
      a.set(r.nextInt(a.size()), JUNK[r.nextInt(JUNK.length)].deepCopy());
    }
  }

  static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode() && n.size() > 0) {
      out.add(n);
      for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
        collect(it.next(), out);
      }
    }
  }

  static ValidationException expectValidation(String where, Runnable action) {
    try {
      action.run();
    } catch (ValidationException e) {
      assertThat(e.problems()).as(where).isNotEmpty().allMatch(p -> !p.path().isEmpty());
      return e;
    } catch (RuntimeException e) {
      throw new AssertionError(where + ": expected a ValidationException, got " + e, e);
    }
    throw new AssertionError(where + ": expected a ValidationException, nothing was thrown");
  }
}

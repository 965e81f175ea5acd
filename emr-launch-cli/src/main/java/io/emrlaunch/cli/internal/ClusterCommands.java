package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.launch.ClusterSnapshot;
import io.emrlaunch.core.launch.LaunchWait;
import io.emrlaunch.core.launch.LaunchedCluster;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.repository.LaunchInputs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.StepSummary;

/** {@code clusters launch|run-job|list|describe|terminate} (and {@code clusters steps}). */
@Command(
    name = "clusters",
    description = "Launch, list, describe and terminate EMR clusters.",
    subcommands = {
      ClusterCommands.Launch.class,
      RunJobCommand.class,
      ClusterCommands.ListCmd.class,
      ClusterCommands.Describe.class,
      ClusterCommands.Terminate.class,
      StepCommands.class
    })
public final class ClusterCommands {

  static ObjectNode snapshotJson(ClusterSnapshot s) {
    ObjectNode o = Root.JSON.createObjectNode();
    o.put("clusterId", s.clusterId());
    s.name().ifPresent(n -> o.put("name", n));
    o.put("state", s.state().map(Object::toString).orElse("UNKNOWN"));
    s.reasonCode().ifPresent(c -> o.put("reasonCode", c));
    s.reasonMessage().ifPresent(m -> o.put("reasonMessage", m));
    return o;
  }

  /** {@code clusters launch}. */
  @Command(
      name = "launch",
      description = {
        "Launch a cluster from a stored launch function, a launch function file, or a profile and"
            + " a configuration (files or stored)."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  emr-launch clusters launch --function default/nightly --override CoreInstanceCount=4 --wait",
        "  emr-launch clusters launch --profile-file examples/profile.json \\",
        "      --configuration-file examples/configuration.json --name adhoc --local"
      })
  public static final class Launch implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
      @Option(
          names = "--function",
          paramLabel = "[NAMESPACE/]NAME",
          description = "A stored launch function.")
      String function;

      @Option(
          names = "--function-file",
          paramLabel = "FILE",
          description = "A launch function file; its profile and configuration are read from SSM.")
      String functionFile;

      @ArgGroup(exclusive = false)
      Halves halves;
    }

    static final class Halves {
      @Option(
          names = "--emr-profile",
          paramLabel = "[NAMESPACE/]NAME",
          description = "A stored profile.")
      String profile;

      @Option(names = "--profile-file", paramLabel = "FILE", description = "A profile file.")
      String profileFile;

      @Option(
          names = "--configuration",
          paramLabel = "[NAMESPACE/]NAME",
          description = "A stored configuration.")
      String configuration;

      @Option(
          names = "--configuration-file",
          paramLabel = "FILE",
          description = "A configuration file.")
      String configurationFile;
    }

    @Option(
        names = "--name",
        description = "The cluster's name (default: the function's or the configuration's).")
    String name;

    @Option(
        names = "--override",
        paramLabel = "Name=Value",
        description = "A runtime override (allow-listed by the function or the configuration).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "Key=Value", description = "A cluster tag.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--wait", description = "Wait until the cluster is up (WAITING).")
    boolean waitUp;

    @Option(
        names = "--fail-if-running",
        description = "Refuse when a cluster of the same name is up.")
    Boolean failIfRunning;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Longest wait with --wait.")
    String timeout;

    @Option(names = "--keep", description = "On Ctrl-C, leave the cluster running.")
    boolean keep;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      Map<String, Object> ov = Commands.overrides(overrides);
      Map<String, String> tagMap = new LinkedHashMap<>();
      for (String t : tags) {
        int eq = t.indexOf('=');
        if (eq <= 0) {
          throw new UsageError("--tag must be Key=Value (was " + t + ")");
        }
        tagMap.put(t.substring(0, eq), t.substring(eq + 1));
      }
      Duration limit = timeout == null ? null : Commands.duration("--timeout", timeout);
      // Every file is read and checked before the first AWS call.
      LaunchFunction fn =
          source.functionFile == null
              ? null
              : RecordCommands.readFunction(root, source.functionFile);
      EmrProfile profileFromFile = null;
      ClusterConfiguration configFromFile = null;
      if (source.halves != null) {
        Halves h = source.halves;
        if ((h.profile == null) == (h.profileFile == null)) {
          throw new UsageError("give one of --emr-profile or --profile-file");
        }
        if ((h.configuration == null) == (h.configurationFile == null)) {
          throw new UsageError("give one of --configuration or --configuration-file");
        }
        if (h.profileFile != null) {
          profileFromFile = RecordCommands.readProfile(root, h.profileFile);
        }
        if (h.configurationFile != null) {
          configFromFile = RecordCommands.readConfiguration(root, h.configurationFile);
        }
      }
      root.backend();
      if (source.function != null) {
        fn = root.await(root.store().launchFunctions().get(Commands.ref(source.function))).value();
      }
      EmrProfile profile;
      ClusterConfiguration configuration;
      if (fn != null) {
        LaunchInputs in =
            root.await(root.store().loadLaunchInputs(fn.profile(), fn.configuration()));
        profile = in.profile().value();
        configuration = in.configuration().value();
      } else {
        Halves h = source.halves;
        profile =
            profileFromFile != null
                ? profileFromFile
                : root.await(root.store().profiles().get(Commands.ref(h.profile))).value();
        configuration =
            configFromFile != null
                ? configFromFile
                : root.await(root.store().configurations().get(Commands.ref(h.configuration)))
                    .value();
      }
      LaunchFunction function = fn;
      EmrProfile p = profile;
      ClusterConfiguration c = configuration;
      try (Launches launches = new Launches(root)) {
        LaunchedCluster cluster =
            launches.await(
                launches
                    .launcher()
                    .launch(
                        b -> {
                          b.profile(p).configuration(c);
                          if (function != null) {
                            b.clusterName(function.clusterName())
                                .putAllTags(function.clusterTags())
                                .allowedOverrides(function.allowedOverrides())
                                .failIfClusterRunning(function.defaultFailIfClusterRunning());
                          }
                          if (name != null) {
                            b.clusterName(name);
                          }
                          if (failIfRunning != null) {
                            b.failIfClusterRunning(failIfRunning);
                          }
                          b.putAllTags(tagMap);
                          b.overrides(ov);
                          b.waitFor(waitUp ? LaunchWait.WAITING : LaunchWait.NONE);
                          if (limit != null) {
                            b.timeout(limit);
                          }
                        }),
                keep);
        ObjectNode out =
            cluster
                .snapshot()
                .map(ClusterCommands::snapshotJson)
                .orElseGet(Root.JSON::createObjectNode);
        out.put("clusterId", cluster.clusterId());
        out.put("name", cluster.name());
        if (!out.has("state")) {
          out.put("state", "STARTING");
        }
        out.put("simulated", root.backend().simulated());
        root.emit(
            out,
            "cluster "
                + cluster.clusterId()
                + " ("
                + cluster.name()
                + ") "
                + out.path("state").asText());
        return 0;
      }
    }
  }

  /** {@code clusters list}. */
  @Command(name = "list", description = "List clusters (active ones unless --all).")
  public static final class ListCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--all", description = "Include terminated clusters.")
    boolean all;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      Backend b = root.backend();
      List<ClusterSummary> clusters = new ArrayList<>();
      String marker = null;
      do {
        String m = marker;
        ListClustersResponse page =
            root.await(
                b.emr()
                    .listClusters(
                        r -> {
                          r.marker(m);
                          if (!all) {
                            r.clusterStates(
                                ClusterState.STARTING,
                                ClusterState.BOOTSTRAPPING,
                                ClusterState.RUNNING,
                                ClusterState.WAITING,
                                ClusterState.TERMINATING);
                          }
                        }));
        clusters.addAll(page.clusters());
        marker = page.marker();
      } while (marker != null);
      ArrayNode out = Root.JSON.createArrayNode();
      StringBuilder text = new StringBuilder();
      for (ClusterSummary c : clusters) {
        out.addObject()
            .put("clusterId", c.id())
            .put("name", c.name())
            .put("state", c.status().stateAsString());
        text.append(
            String.format("%-16s %-16s %s%n", c.id(), c.status().stateAsString(), c.name()));
      }
      root.emit(out, clusters.isEmpty() ? "(no clusters)" : text.toString().stripTrailing());
      return 0;
    }
  }

  /** {@code clusters describe}. */
  @Command(name = "describe", description = "A cluster's state and steps.")
  public static final class Describe implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CLUSTER_ID")
    String clusterId;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      Backend b = root.backend();
      Cluster c = root.await(b.emr().describeCluster(r -> r.clusterId(clusterId))).cluster();
      List<StepSummary> steps = root.await(b.emr().listSteps(r -> r.clusterId(clusterId))).steps();
      ObjectNode out = Root.JSON.createObjectNode();
      out.put("clusterId", c.id()).put("name", c.name()).put("state", c.status().stateAsString());
      if (c.status().stateChangeReason() != null && c.status().stateChangeReason().code() != null) {
        out.put("reasonCode", c.status().stateChangeReason().codeAsString());
        out.put("reasonMessage", c.status().stateChangeReason().message());
      }
      if (c.releaseLabel() != null) {
        out.put("releaseLabel", c.releaseLabel());
      }
      ArrayNode s = out.putArray("steps");
      StringBuilder text =
          new StringBuilder(c.id() + "  " + c.name() + "  " + c.status().stateAsString());
      if (out.has("reasonCode")) {
        text.append(" (").append(out.path("reasonCode").asText()).append(")");
      }
      for (StepSummary st : steps) {
        s.addObject()
            .put("stepId", st.id())
            .put("name", st.name())
            .put("state", st.status().stateAsString());
        text.append("\n  step ")
            .append(st.id())
            .append("  ")
            .append(st.status().stateAsString())
            .append("  ")
            .append(st.name());
      }
      root.emit(out, text.toString());
      return 0;
    }
  }

  /** {@code clusters terminate}. */
  @Command(name = "terminate", description = "Terminate a cluster and wait until it is gone.")
  public static final class Terminate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CLUSTER_ID")
    String clusterId;

    @Override
    public Integer call() {
      Root root = Commands.root(spec);
      try (Launches launches = new Launches(root)) {
        ClusterSnapshot s = root.await(launches.launcher().terminate(clusterId));
        root.emit(
            snapshotJson(s),
            "cluster " + clusterId + " " + s.state().map(Object::toString).orElse("UNKNOWN"));
        return 0;
      }
    }
  }
}

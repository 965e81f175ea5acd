package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.AwsEmrLaunchFormat;
import io.emrlaunch.core.json.EmrLaunchFormat;
import io.emrlaunch.core.json.RecordCodec;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.LaunchFunction;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.RecordKind;
import io.emrlaunch.core.repository.RecordRepository;
import io.emrlaunch.core.repository.RecordVersion;
import io.emrlaunch.core.repository.StoredRecord;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code profiles|configurations|functions list/get/put/delete/history}: records in SSM. */
public final class RecordCommands {
  private RecordCommands() {}

  /** Record file formats. */
  public enum Format {
    /** Detect: ours has {@code schemaVersion}. */
    auto,
    /** This library's format. */
    ours,
    /** The Python aws-emr-launch library's format. */
    aws
  }

  /** A group of commands on one kind of record. */
  public abstract static class Group<T> {
    @Spec CommandSpec spec;

    abstract RecordKind<T> kind();

    abstract RecordCodec<T> awsCodec();

    abstract RecordRepository<T> repository(Root root);

    Root root() {
      return Commands.root(spec);
    }

    T read(String file, Format format) {
      Root root = root();
      JsonNode json = root.readJson(file);
      String text = json.toString();
      boolean ours =
          format == Format.ours
              || (format == Format.auto && json.has(EmrLaunchFormat.SCHEMA_VERSION_FIELD));
      try {
        return ours ? EmrLaunchFormat.of(kind().type()).read(text) : awsCodec().read(text);
      } catch (ValidationException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new UsageError(
            file
                + ": not a "
                + kind().displayName()
                + " in "
                + (ours ? "emr-launch" : "aws-emr-launch")
                + " format: "
                + e.getMessage());
      }
    }

    String write(T value, Format format) {
      String text =
          format == Format.aws
              ? awsCodec().write(value)
              : EmrLaunchFormat.of(kind().type()).write(value);
      try {
        return Root.JSON.writeValueAsString(Root.JSON.readTree(text));
      } catch (java.io.IOException e) {
        return text;
      }
    }
  }

  /** {@code profiles}. */
  @Command(
      name = "profiles",
      description = "EMR profiles (the security half) in SSM.",
      subcommands = {ListCmd.class, GetCmd.class, PutCmd.class, DeleteCmd.class, HistoryCmd.class})
  public static final class Profiles extends Group<EmrProfile> {
    @Override
    RecordKind<EmrProfile> kind() {
      return RecordKind.PROFILE;
    }

    @Override
    RecordCodec<EmrProfile> awsCodec() {
      return AwsEmrLaunchFormat.profiles();
    }

    @Override
    RecordRepository<EmrProfile> repository(Root root) {
      return root.store().profiles();
    }
  }

  /** {@code configurations}. */
  @Command(
      name = "configurations",
      description = "Cluster configurations (the resource half) in SSM.",
      subcommands = {ListCmd.class, GetCmd.class, PutCmd.class, DeleteCmd.class, HistoryCmd.class})
  public static final class Configurations extends Group<ClusterConfiguration> {
    @Override
    RecordKind<ClusterConfiguration> kind() {
      return RecordKind.CONFIGURATION;
    }

    @Override
    RecordCodec<ClusterConfiguration> awsCodec() {
      return AwsEmrLaunchFormat.configurations();
    }

    @Override
    RecordRepository<ClusterConfiguration> repository(Root root) {
      return root.store().configurations();
    }
  }

  /** {@code functions}. */
  @Command(
      name = "functions",
      description = "Launch functions (profile + configuration + name, tags, overrides) in SSM.",
      subcommands = {ListCmd.class, GetCmd.class, PutCmd.class, DeleteCmd.class, HistoryCmd.class})
  public static final class Functions extends Group<LaunchFunction> {
    @Override
    RecordKind<LaunchFunction> kind() {
      return RecordKind.LAUNCH_FUNCTION;
    }

    @Override
    RecordCodec<LaunchFunction> awsCodec() {
      return AwsEmrLaunchFormat.launchFunctions();
    }

    @Override
    RecordRepository<LaunchFunction> repository(Root root) {
      return root.store().launchFunctions();
    }
  }

  static EmrProfile readProfile(Root root, String file) {
    Profiles p = new Profiles();
    p.spec = root.spec;
    return p.read(file, Format.auto);
  }

  static ClusterConfiguration readConfiguration(Root root, String file) {
    Configurations c = new Configurations();
    c.spec = root.spec;
    return c.read(file, Format.auto);
  }

  static LaunchFunction readFunction(Root root, String file) {
    Functions f = new Functions();
    f.spec = root.spec;
    return f.read(file, Format.auto);
  }

  /** {@code list}. */
  @Command(name = "list", description = "List the records of a namespace.")
  public static final class ListCmd implements Callable<Integer> {
    @ParentCommand Group<?> group;

    @Option(
        names = "--namespace",
        defaultValue = RecordRef.DEFAULT_NAMESPACE,
        description = "Namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Override
    public Integer call() {
      return list(group);
    }

    private <T> Integer list(Group<T> g) {
      Root root = g.root();
      List<StoredRecord<T>> records = root.await(g.repository(root).list(namespace));
      ArrayNode out = Root.JSON.createArrayNode();
      StringBuilder text = new StringBuilder();
      for (StoredRecord<T> r : records) {
        out.addObject()
            .put("ref", r.ref().toString())
            .put("version", r.version())
            .put("format", r.format().name());
        text.append(r.ref()).append("  v").append(r.version()).append('\n');
      }
      root.emit(
          out,
          records.isEmpty()
              ? "(no " + g.kind().displayName() + "s in " + namespace + ")"
              : text.toString().stripTrailing());
      return 0;
    }
  }

  /** {@code get}. */
  @Command(name = "get", description = "Print a record.")
  public static final class GetCmd implements Callable<Integer> {
    @ParentCommand Group<?> group;

    @Parameters(paramLabel = "[NAMESPACE/]NAME")
    String ref;

    @Option(
        names = "--format",
        defaultValue = "ours",
        description = "ours|aws (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--record-version", description = "A version number (default: the latest).")
    Long version;

    @Override
    public Integer call() {
      return get(group);
    }

    private <T> Integer get(Group<T> g) {
      Root root = g.root();
      RecordRef r = Commands.ref(ref);
      StoredRecord<T> rec =
          version == null
              ? root.await(g.repository(root).get(r))
              : root.await(
                  g.repository(root)
                      .get(r, io.emrlaunch.core.repository.VersionSelector.version(version)));
      String text = g.write(rec.value(), format == Format.aws ? Format.aws : Format.ours);
      try {
        root.emit(Root.JSON.readTree(text), text);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      return 0;
    }
  }

  /** {@code put}. */
  @Command(name = "put", description = "Store a record from a file (our JSON or aws-emr-launch's).")
  public static final class PutCmd implements Callable<Integer> {
    @ParentCommand Group<?> group;

    @Parameters(paramLabel = "FILE")
    String file;

    @Option(
        names = "--format",
        defaultValue = "auto",
        description = "auto|ours|aws (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
      return put(group);
    }

    private <T> Integer put(Group<T> g) {
      Root root = g.root();
      T value = g.read(file, format);
      List<io.emrlaunch.core.validation.Problem> problems = g.kind().problemsOf(value);
      if (!problems.isEmpty()) {
        throw new ValidationException(problems);
      }
      StoredRecord<T> saved = root.await(g.repository(root).save(value));
      ObjectNode out = Root.JSON.createObjectNode();
      out.put("ref", saved.ref().toString()).put("version", saved.version());
      root.emit(
          out, "stored " + g.kind().displayName() + " " + saved.ref() + " v" + saved.version());
      return 0;
    }
  }

  /** {@code delete}. */
  @Command(name = "delete", description = "Delete a record.")
  public static final class DeleteCmd implements Callable<Integer> {
    @ParentCommand Group<?> group;

    @Parameters(paramLabel = "[NAMESPACE/]NAME")
    String ref;

    @Override
    public Integer call() {
      Root root = group.root();
      RecordRef r = Commands.ref(ref);
      boolean deleted = root.await(group.repository(root).delete(r));
      ObjectNode out = Root.JSON.createObjectNode();
      out.put("ref", r.toString()).put("deleted", deleted);
      root.emit(out, (deleted ? "deleted " : "no such ") + group.kind().displayName() + " " + r);
      return deleted ? 0 : Root.FAILED;
    }
  }

  /** {@code history}. */
  @Command(name = "history", description = "The versions of a record.")
  public static final class HistoryCmd implements Callable<Integer> {
    @ParentCommand Group<?> group;

    @Parameters(paramLabel = "[NAMESPACE/]NAME")
    String ref;

    @Override
    public Integer call() {
      Root root = group.root();
      List<RecordVersion> versions = root.await(group.repository(root).history(Commands.ref(ref)));
      ArrayNode out = Root.JSON.createArrayNode();
      StringBuilder text = new StringBuilder();
      for (RecordVersion v : versions) {
        ObjectNode o = out.addObject().put("version", v.version());
        v.lastModified().ifPresent(t -> o.put("lastModified", t.toString()));
        v.modifiedBy().ifPresent(t -> o.put("modifiedBy", t));
        ArrayNode labels = o.putArray("labels");
        v.labels().forEach(labels::add);
        text.append('v')
            .append(v.version())
            .append(v.lastModified().map(t -> "  " + t).orElse(""))
            .append(v.labels().isEmpty() ? "" : "  " + String.join(",", v.labels()))
            .append('\n');
      }
      root.emit(out, text.toString().stripTrailing());
      return 0;
    }
  }
}

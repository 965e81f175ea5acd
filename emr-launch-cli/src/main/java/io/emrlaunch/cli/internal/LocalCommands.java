package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code local reset}: the simulation's stored state. */
@Command(
    name = "local",
    description = "The embedded simulation's state (.emr-launch/local/).",
    subcommands = {LocalCommands.Reset.class})
public final class LocalCommands {

  /** {@code local reset}. */
  @Command(name = "reset", description = "Forget every simulated record, cluster and execution.")
  public static final class Reset implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Root root = Commands.root(spec);
      boolean any = LocalAws.reset(root.localDir());
      ObjectNode out = Root.JSON.createObjectNode();
      out.put("reset", any).put("dir", root.localDir().toString());
      root.emit(
          out,
          any
              ? "simulation reset (" + root.localDir() + ")"
              : "no simulation state in " + root.localDir());
      return 0;
    }
  }
}

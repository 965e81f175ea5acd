package io.emrlaunch.stepfunctions.emr;

import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.configuration;
import static io.emrlaunch.stepfunctions.emr.LaunchFunctionFixtures.function;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.stepfunctions.asl.AslValidatorCli;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchFunctionMachineTest {

  @Test
  void generatesValidMachines() throws Exception {
    StateMachine sdk =
        LaunchFunctionMachine.builder(function(), LaunchFunctionFixtures.profile(), configuration())
            .integration(ServiceIntegration.AWS_SDK)
            .build();
    StateMachine optimized =
        LaunchFunctionMachine.builder(function(), LaunchFunctionFixtures.profile(), configuration())
            .build();
    assertThat(sdk.validate()).isEmpty();
    assertThat(optimized.validate()).isEmpty();
    Path out = Path.of("target/launch-function");
    Files.createDirectories(out);
    Files.writeString(out.resolve("sdk.json"), sdk.toPrettyJson());
    Files.writeString(out.resolve("optimized.json"), optimized.toPrettyJson());
    Files.writeString(
        out.resolve("profile.json"),
        io.emrlaunch.core.json.AwsEmrLaunchFormat.profiles()
            .write(LaunchFunctionFixtures.profile()));
    Files.writeString(
        out.resolve("configuration.json"),
        io.emrlaunch.core.json.AwsEmrLaunchFormat.configurations().write(configuration()));
    AslValidatorCli.Result r =
        AslValidatorCli.require()
            .validateDefinitions(Map.of("sdk", sdk.toJson(), "optimized", optimized.toJson()));
    assertThat(r.invalid()).isEmpty();
  }
}

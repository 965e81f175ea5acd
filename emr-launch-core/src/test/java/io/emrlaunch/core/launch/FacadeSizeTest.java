package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code ClusterLauncher} stays a thin facade (issue 13: at most 400 lines): new behaviour goes
 * into the package-private parts behind it (LaunchOperation, TransientRun, StoredLaunch, ...).
 */
class FacadeSizeTest {

  @Test
  void clusterLauncherIsAtMostFourHundredLines() throws Exception {
    Path source = Path.of("src/main/java/io/emrlaunch/core/launch/ClusterLauncher.java");
    assertThat(source).exists();
    assertThat(Files.readAllLines(source)).hasSizeLessThanOrEqualTo(400);
  }
}

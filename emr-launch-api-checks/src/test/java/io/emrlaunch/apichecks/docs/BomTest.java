package io.emrlaunch.apichecks.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.apichecks.Modules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** emr-launch-bom manages every published module, at the project's version. */
class BomTest {
  static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

  @Test
  void theBomManagesEveryPublishedModuleAtTheProjectVersion() {
    String root = read(Modules.root().resolve("pom.xml"));
    String bom = read(Modules.root().resolve("emr-launch-bom/pom.xml"));
    Set<String> published = new TreeSet<>();
    Matcher m = MODULE.matcher(root);
    while (m.find()) {
      String pom = read(Modules.root().resolve(m.group(1)).resolve("pom.xml"));
      boolean unpublished = pom.contains("<maven.deploy.skip>true</maven.deploy.skip>");
      boolean pomPackaging = pom.contains("<packaging>pom</packaging>");
      if (!unpublished && !pomPackaging) {
        published.add(m.group(1));
      }
    }
    assertThat(published).contains("emr-launch-core", "emr-launch-testkit");
    assertThat(managedArtifacts())
        .as("emr-launch-bom/pom.xml <dependencyManagement> lists every published module")
        .containsAll(published);
    assertThat(bom)
        .as("the BOM has no parent: importing it must not manage the SDK, Jackson or JUnit")
        .doesNotContain("<parent>");
    assertThat(version(bom)).isEqualTo(version(root));
    assertThat(Modules.ROOT_PACKAGES.keySet())
        .as("every module the BOM manages has a root package in Modules (checked by the rules)")
        .containsAll(managedArtifacts());
  }

  /** The artifact ids the BOM manages. */
  static Set<String> managedArtifacts() {
    String bom = read(Modules.root().resolve("emr-launch-bom/pom.xml"));
    String managed =
        bom.substring(
            bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));
    Set<String> artifacts = new TreeSet<>();
    Matcher m = ARTIFACT.matcher(managed);
    while (m.find()) {
      artifacts.add(m.group(1));
    }
    return artifacts;
  }

  private static String version(String pom) {
    String withoutParent = pom.replaceAll("(?s)<parent>.*?</parent>", "");
    Matcher m = Pattern.compile("<version>([^<]+)</version>").matcher(withoutParent);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p).replaceAll("(?s)<!--.*?-->", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

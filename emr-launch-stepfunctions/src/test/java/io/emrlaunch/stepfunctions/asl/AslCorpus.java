package io.emrlaunch.stepfunctions.asl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test helper: the hand-written corpus of realistic definitions in {@code asl-corpus/*.json}. */
public final class AslCorpus {
  private AslCorpus() {}

  /** The corpus directory on the test class path. */
  public static Path directory() {
    URL url = AslCorpus.class.getClassLoader().getResource("asl-corpus");
    if (url == null) {
      throw new IllegalStateException("asl-corpus is not on the test class path");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every corpus file, sorted by name. */
  public static List<Path> files() {
    try (Stream<Path> s = Files.list(directory())) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a corpus file. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.emrlaunch.core.model.internal;

import io.emrlaunch.core.model.ApplicationConfiguration;
import io.emrlaunch.core.model.ConfigurationArtifact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Edits of application configuration lists behind the configuration helpers. */
public final class ConfigurationEdits {
  /** The Hive metastore client factory of the AWS Glue Data Catalog. */
  public static final String GLUE_FACTORY =
      "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory";

  /** The property naming the metastore client factory. */
  public static final String FACTORY_PROPERTY = "hive.metastore.client.factory.class";

  private static final List<String> GLUE_CLASSIFICATIONS = List.of("hive-site", "spark-hive-site");

  private ConfigurationEdits() {}

  /** Merges properties into a classification, appending it when missing. */
  public static List<ApplicationConfiguration> merge(
      List<ApplicationConfiguration> configs, String classification, Map<String, String> props) {
    List<ApplicationConfiguration> out = new ArrayList<>(configs);
    for (int i = 0; i < out.size(); i++) {
      ApplicationConfiguration c = out.get(i);
      if (c.classification().equals(classification)) {
        Map<String, String> merged = new LinkedHashMap<>(c.properties());
        merged.putAll(props);
        out.set(i, c.withProperties(merged));
        return out;
      }
    }
    out.add(ApplicationConfiguration.of(classification, props));
    return out;
  }

  /** Appends entries to a comma-separated list property, skipping ones already there. */
  public static List<ApplicationConfiguration> appendToList(
      List<ApplicationConfiguration> configs,
      String classification,
      String property,
      List<String> entries) {
    Set<String> all = new LinkedHashSet<>();
    configs.stream()
        .filter(c -> c.classification().equals(classification))
        .map(c -> c.properties().get(property))
        .filter(v -> v != null && !v.isBlank())
        .findFirst()
        .ifPresent(v -> all.addAll(List.of(v.split("\\s*,\\s*"))));
    for (String e : entries) {
      if (e != null && !e.isBlank()) {
        all.add(e.trim());
      }
    }
    return merge(configs, classification, Map.of(property, String.join(",", all)));
  }

  /** Sets or removes the Glue Data Catalog factory in the Hive and Spark metastore settings. */
  public static List<ApplicationConfiguration> glueCatalog(
      List<ApplicationConfiguration> configs, boolean enabled) {
    List<ApplicationConfiguration> out = new ArrayList<>(configs);
    for (String classification : GLUE_CLASSIFICATIONS) {
      if (enabled) {
        out = merge(out, classification, Map.of(FACTORY_PROPERTY, GLUE_FACTORY));
        continue;
      }
      for (int i = out.size() - 1; i >= 0; i--) {
        ApplicationConfiguration c = out.get(i);
        if (c.classification().equals(classification)
            && GLUE_FACTORY.equals(c.properties().get(FACTORY_PROPERTY))) {
          Map<String, String> props = new LinkedHashMap<>(c.properties());
          props.remove(FACTORY_PROPERTY);
          if (props.isEmpty() && c.configurations().isEmpty()) {
            out.remove(i);
          } else {
            out.set(i, c.withProperties(props));
          }
        }
      }
    }
    return out;
  }

  /** Whether both metastore classifications name the Glue factory. */
  public static boolean usesGlueCatalog(List<ApplicationConfiguration> configs) {
    return GLUE_CLASSIFICATIONS.stream()
        .allMatch(
            cl ->
                configs.stream()
                    .anyMatch(
                        c ->
                            c.classification().equals(cl)
                                && GLUE_FACTORY.equals(c.properties().get(FACTORY_PROPERTY))));
  }

  /** The artifact (bucket, {@code prefix/*}) of an S3 object, when {@code uri} is in S3. */
  public static Optional<ConfigurationArtifact> artifactOf(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      return Optional.empty();
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    String bucket = rest.substring(0, slash);
    String key = rest.substring(slash + 1);
    int last = key.lastIndexOf('/');
    String path = last < 0 ? "*" : key.substring(0, last) + "/*";
    return Optional.of(ConfigurationArtifact.of(bucket, path));
  }
}

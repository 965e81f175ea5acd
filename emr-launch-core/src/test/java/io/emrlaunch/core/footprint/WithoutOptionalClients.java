package io.emrlaunch.core.footprint;

import com.sun.net.httpserver.HttpServer;
import io.emrlaunch.core.launch.ClusterFailedException;
import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.LaunchWait;
import io.emrlaunch.core.launch.LaunchedCluster;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrAsyncClient;

/**
 * The {@code main} that {@link OptionalClientsTest} runs in a JVM whose class path lacks the S3 and
 * Secrets Manager SDK modules (optional dependencies of emr-launch-core): it launches, with
 * overrides, and terminates a cluster against an EMR stub on 127.0.0.1, and checks that a launch
 * needing a secret is refused with the usual {@link ValidationException}, not a linkage error.
 * Prints {@code OK <operations>} on success.
 */
public final class WithoutOptionalClients {
  private WithoutOptionalClients() {}

  public static void main(String[] args) throws Exception {
    for (String absent :
        List.of(
            "software.amazon.awssdk.services.s3.S3AsyncClient",
            "software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient",
            "software.amazon.awssdk.services.sqs.SqsAsyncClient",
            "software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient")) {
      try {
        Class.forName(absent);
        throw new IllegalStateException(absent + " is on the class path");
      } catch (ClassNotFoundException expected) {
        // the point of the exercise
      }
    }
    List<String> operations = new ArrayList<>();
    watchdog(operations);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        exchange -> {
          String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
          String operation = target.substring(target.indexOf('.') + 1);
          exchange.getRequestBody().readAllBytes();
          synchronized (operations) {
            operations.add(operation);
          }
          String body =
              switch (operation) {
                case "RunJobFlow" -> "{\"JobFlowId\":\"j-NOOPTIONAL\"}";
                case "ListClusters" -> "{\"Clusters\":[]}";
                case "DescribeCluster" ->
                    "{\"Cluster\":{\"Id\":\"j-NOOPTIONAL\",\"Name\":\"no-optional-clients\","
                        + "\"Status\":{\"State\":\""
                        + (operations.contains("TerminateJobFlows") ? "TERMINATED" : "STARTING")
                        + "\"}}}";
                default -> "{}";
              };
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    try (EmrAsyncClient emr =
            EmrAsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .build();
        ClusterLauncher launcher = ClusterLauncher.builder().emr(emr).build()) {
      EmrProfile profile =
          EmrProfile.builder()
              .name("analytics")
              .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
              .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
              .logsBucket("my-emr-logs")
              .build();
      ClusterConfiguration configuration =
          ClusterPresets.instanceGroups(PresetOptions.of("spark-small", "subnet-0abc"));
      LaunchedCluster cluster =
          launcher
              .launch(
                  r ->
                      r.profile(profile)
                          .configuration(configuration)
                          .clusterName("no-optional-clients")
                          .putOverrides("CoreInstanceCount", 3)
                          .waitFor(LaunchWait.NONE))
              .join();
      launcher.terminate(cluster.clusterId()).join();

      // A waited launch whose cluster ends: the failure path (no diagnosis without S3).
      try {
        launcher
            .launch(
                r ->
                    r.profile(profile)
                        .configuration(configuration)
                        .clusterName("ends")
                        .waitFor(LaunchWait.WAITING))
            .join();
        throw new IllegalStateException("a launch whose cluster ended succeeded");
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof ClusterFailedException failed)
            || failed.diagnosis().isPresent()) {
          throw e;
        }
      }

      EmrProfile kerberized =
          profile.withKerberosAttributesSecretArn(
              "arn:aws:secretsmanager:us-east-1:123456789012:secret:kdc-AbCdEf");
      try {
        launcher.launch(r -> r.profile(kerberized).configuration(configuration)).join();
        throw new IllegalStateException("a launch needing a secret was accepted");
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof ValidationException v)
            || v.problems().stream()
                .map(Problem::path)
                .noneMatch("profile.kerberosAttributesSecretArn"::equals)) {
          throw e;
        }
      }
    } finally {
      server.stop(0);
    }
    System.out.println("OK " + String.join(",", operations));
    System.exit(0);
  }

  /** A hung launch prints where every thread is, and the calls the stub saw, then exits 3. */
  private static void watchdog(List<String> operations) {
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                return;
              }
              synchronized (operations) {
                System.out.println("HUNG after " + operations);
              }
              Thread.getAllStackTraces()
                  .forEach(
                      (thread, stack) -> {
                        System.out.println(thread);
                        for (StackTraceElement e : stack) {
                          System.out.println("    at " + e);
                        }
                      });
              System.exit(3);
            },
            "watchdog");
    t.setDaemon(true);
    t.start();
  }
}

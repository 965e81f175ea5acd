package io.emrlaunch.ssm.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * One moto server per test JVM on 127.0.0.1 (stand-in until the testkit's MotoServer lands). Skips
 * the calling test when moto is not installed, unless {@code -Demrlaunch.requireMoto=true}.
 */
public final class Moto {
  private static URI endpoint;
  private static String failure;

  private Moto() {}

  /** The endpoint of the shared server, or skips the test when moto is unavailable. */
  public static synchronized URI endpointOrSkip() {
    if (endpoint == null && failure == null) {
      start();
    }
    if (failure != null) {
      if (Boolean.getBoolean("emrlaunch.requireMoto")) {
        throw new IllegalStateException("moto is required but unavailable: " + failure);
      }
      Assumptions.abort("moto unavailable: " + failure);
    }
    return endpoint;
  }

  /** Forgets every resource moto holds. */
  public static void reset() {
    post(endpointOrSkip().resolve("/moto-api/reset"));
  }

  /** An async SSM client against moto with the given retry strategy. */
  public static SsmAsyncClient asyncClient(URI endpoint, RetryStrategy retry) {
    return SsmAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(o -> o.retryStrategy(retry))
        .build();
  }

  /** A blocking SSM client against moto, for arranging and inspecting state. */
  public static SsmClient syncClient(URI endpoint) {
    return SsmClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  private static void start() {
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path log = Files.createTempFile("moto-ssm", ".log");
      Process p =
          new ProcessBuilder(
                  "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
      URI uri = URI.create("http://127.0.0.1:" + port);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (Instant.now().isBefore(deadline)) {
        if (!p.isAlive()) {
          failure = "moto exited: " + Files.readString(log);
          return;
        }
        if (ok(uri.resolve("/moto-api/"))) {
          endpoint = uri;
          return;
        }
        Thread.sleep(200);
      }
      p.destroy();
      failure = "moto did not start within 30 s";
    } catch (IOException e) {
      failure = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = e.toString();
    }
  }

  private static boolean ok(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static void post(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.getOutputStream().close();
      if (c.getResponseCode() >= 300) {
        throw new IllegalStateException("POST " + uri + " -> " + c.getResponseCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("POST " + uri, e);
    }
  }
}

package io.emrlaunch.testkit.moto;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A moto server ({@code python3 -m moto.server}) on a free port of 127.0.0.1, for wire-level tests:
 * the real SDK clients, the real JSON protocols, no AWS account.
 *
 * <pre>{@code
 * try (MotoServer moto = MotoServer.start()) {
 *   moto.ssm().putParameter(r -> r.name("/a").value("1").type("String"));
 *   moto.reset();
 * }
 * }</pre>
 *
 * <p>Clients returned by {@link #ssm()}, {@link #emr()}, {@link #sfn()}, {@link #iam()}, {@link
 * #ec2()} and their async variants are created once, use dummy credentials, and are closed with the
 * server. {@link #configure(AwsClientBuilder)} points any other SDK client builder at the server.
 * The process is stopped by {@link #close()} and, failing that, when the JVM exits.
 */
public final class MotoServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static volatile Optional<String> availability;

  private final Process process;
  private final URI endpoint;
  private final Region region;
  private final Path log;
  private final Thread shutdownHook;
  private final HttpClient control =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Map<Class<?>, SdkAutoCloseable> clients = new LinkedHashMap<>();
  private SdkHttpClient syncHttp;
  private SdkAsyncHttpClient asyncHttp;
  private boolean stepFunctionsExecution;
  private boolean closed;

  private MotoServer(Process process, URI endpoint, Region region, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.region = region;
    this.log = log;
    if (process != null) {
      this.shutdownHook = new Thread(process::destroyForcibly, "moto-server-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      this.shutdownHook = null;
    }
  }

  /**
   * Why moto cannot be started here, or empty when {@code python3 -c 'import moto.server'}
   * succeeds. The answer is computed once per JVM.
   */
  public static Optional<String> unavailableReason() {
    Optional<String> known = availability;
    if (known == null) {
      known = probe();
      availability = known;
    }
    return known;
  }

  /** Whether moto can be started on this machine. */
  public static boolean isAvailable() {
    return unavailableReason().isEmpty();
  }

  private static Optional<String> probe() {
    try {
      // Output goes to a file so that the 60 s limit applies: reading the pipe first would block
      // for as long as python3 hangs.
      Path out = Files.createTempFile("moto-probe", ".log");
      String output;
      Process p;
      try {
        p =
            new ProcessBuilder("python3", "-c", "import moto.server")
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return Optional.of("python3 -c 'import moto.server' did not finish within 60 s");
        }
        output = Files.readString(out, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(out);
      }
      if (p.exitValue() != 0) {
        return Optional.of(
            "python3 -c 'import moto.server' failed (exit "
                + p.exitValue()
                + "): "
                + output.strip());
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("python3 could not be run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while probing for moto");
    }
  }

  /** Starts moto in {@code us-east-1} and waits until it answers. */
  public static MotoServer start() {
    return start(Region.US_EAST_1);
  }

  /**
   * Starts moto and waits until {@code GET /moto-api/} answers 200. IAM's AWS-managed policies are
   * loaded ({@code MOTO_IAM_LOAD_MANAGED_POLICIES=true}) so roles can attach them.
   *
   * @param region the region of the clients this server builds
   * @throws IllegalStateException when moto is not installed or does not come up
   */
  public static MotoServer start(Region region) {
    unavailableReason()
        .ifPresent(
            reason -> {
              throw new IllegalStateException("moto is not available: " + reason);
            });
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return launch(region);
      } catch (IllegalStateException e) {
        // Most likely another process took the free port between probing and binding it.
        last = e;
      }
    }
    throw last;
  }

  /**
   * Uses a moto server someone else started (for example {@code -Dmoto.endpoint=http://...});
   * {@link #close()} then leaves the process running.
   */
  public static MotoServer connect(URI endpoint, Region region) {
    MotoServer server = new MotoServer(null, endpoint, region, null);
    server.awaitReady(null);
    return server;
  }

  private static MotoServer launch(Region region) {
    int port = freePort();
    Path log;
    Process process;
    try {
      log = Files.createTempFile("moto-" + port + "-", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(
                  "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
      pb.environment().putIfAbsent("AWS_ACCESS_KEY_ID", "test");
      pb.environment().putIfAbsent("AWS_SECRET_ACCESS_KEY", "test");
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start moto: " + e.getMessage(), e);
    }
    MotoServer server =
        new MotoServer(process, URI.create("http://127.0.0.1:" + port), region, log);
    try {
      server.awaitReady(process);
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void awaitReady(Process p) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String lastProblem = "no answer";
    while (System.nanoTime() < deadline) {
      if (p != null && !p.isAlive()) {
        throw new IllegalStateException(
            "moto exited with " + p.exitValue() + " before it was ready; log:\n" + logTail());
      }
      try {
        HttpResponse<String> r =
            control.send(
                HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        lastProblem = "HTTP " + r.statusCode();
      } catch (IOException e) {
        lastProblem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for moto", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for moto", e);
      }
    }
    throw new IllegalStateException(
        "moto at " + endpoint + " not ready after " + START_TIMEOUT + " (" + lastProblem + ")");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on 127.0.0.1", e);
    }
  }

  private String logTail() {
    if (log == null) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** The server's base address, {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  /** The region the clients built here use. */
  public Region region() {
    return region;
  }

  /** Wipes every service's state ({@code POST /moto-api/reset}). */
  public void reset() {
    post("/moto-api/reset", "");
  }

  /**
   * Makes Step Functions interpret state machines ({@code POST /moto-api/config}). Only machines
   * created afterwards are visible to the interpreter; the setting survives {@link #reset()}, and
   * moto allows one execution per region until the next reset.
   */
  public void enableStepFunctionsExecution() {
    setStepFunctionsExecution(true);
  }

  /** Returns Step Functions to moto's default mode, in which executions stay RUNNING. */
  public void disableStepFunctionsExecution() {
    setStepFunctionsExecution(false);
  }

  /** Whether {@link #enableStepFunctionsExecution()} is in force. */
  public synchronized boolean stepFunctionsExecutionEnabled() {
    return stepFunctionsExecution;
  }

  private synchronized void setStepFunctionsExecution(boolean on) {
    post("/moto-api/config", "{\"stepfunctions\": {\"execute_state_machine\": " + on + "}}");
    stepFunctionsExecution = on;
  }

  private void post(String path, String json) {
    try {
      HttpResponse<String> r =
          control.send(
              HttpRequest.newBuilder(endpoint.resolve(path))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "moto " + path + " answered HTTP " + r.statusCode() + ": " + r.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling moto " + path, e);
    }
  }

  /**
   * Points an SDK client builder at this server: endpoint, region, dummy credentials and a shared
   * HTTP client (URL connection for sync builders, CRT for async ones). The caller owns the client
   * it builds; the shared HTTP clients are closed with the server.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public synchronized <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
    Objects.requireNonNull(builder, "builder");
    builder
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    if (builder instanceof SdkSyncClientBuilder sync) {
      if (syncHttp == null) {
        syncHttp = UrlConnectionHttpClient.builder().build();
      }
      sync.httpClient(syncHttp);
    }
    if (builder instanceof SdkAsyncClientBuilder async) {
      if (asyncHttp == null) {
        asyncHttp = AsyncHttp.create();
      }
      async.httpClient(asyncHttp);
    }
    return builder;
  }

  /** A shared EMR client for this server. */
  public EmrClient emr() {
    return shared(EmrClient.class, () -> configure(EmrClient.builder()).build());
  }

  /** A shared async EMR client for this server. */
  public EmrAsyncClient emrAsync() {
    return shared(EmrAsyncClient.class, () -> configure(EmrAsyncClient.builder()).build());
  }

  /** A shared SSM client for this server. */
  public SsmClient ssm() {
    return shared(SsmClient.class, () -> configure(SsmClient.builder()).build());
  }

  /** A shared async SSM client for this server. */
  public SsmAsyncClient ssmAsync() {
    return shared(SsmAsyncClient.class, () -> configure(SsmAsyncClient.builder()).build());
  }

  /** A shared Step Functions client for this server. */
  public SfnClient sfn() {
    return shared(SfnClient.class, () -> configure(SfnClient.builder()).build());
  }

  /** A shared async Step Functions client for this server. */
  public SfnAsyncClient sfnAsync() {
    return shared(SfnAsyncClient.class, () -> configure(SfnAsyncClient.builder()).build());
  }

  /** A shared IAM client for this server (AWS-managed policies are loaded). */
  public IamClient iam() {
    return shared(IamClient.class, () -> configure(IamClient.builder()).build());
  }

  /** A shared async IAM client for this server. */
  public IamAsyncClient iamAsync() {
    return shared(IamAsyncClient.class, () -> configure(IamAsyncClient.builder()).build());
  }

  /** A shared EC2 client for this server. */
  public Ec2Client ec2() {
    return shared(Ec2Client.class, () -> configure(Ec2Client.builder()).build());
  }

  /** A shared async EC2 client for this server. */
  public Ec2AsyncClient ec2Async() {
    return shared(Ec2AsyncClient.class, () -> configure(Ec2AsyncClient.builder()).build());
  }

  /** A shared S3 client for this server (path-style addressing: moto serves one host). */
  public S3Client s3() {
    return shared(S3Client.class, () -> configure(S3Client.builder()).forcePathStyle(true).build());
  }

  /** A shared async S3 client for this server (path-style addressing). */
  public S3AsyncClient s3Async() {
    return shared(
        S3AsyncClient.class, () -> configure(S3AsyncClient.builder()).forcePathStyle(true).build());
  }

  private synchronized <T extends SdkAutoCloseable> T shared(
      Class<T> type, java.util.function.Supplier<T> factory) {
    if (closed) {
      throw new IllegalStateException("moto server at " + endpoint + " is closed");
    }
    return type.cast(clients.computeIfAbsent(type, t -> factory.get()));
  }

  /** Closes the clients and stops the process (SIGTERM, then SIGKILL after 5 s). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<SdkAutoCloseable> toClose = new ArrayList<>(clients.values());
    clients.clear();
    try {
      toClose.forEach(SdkAutoCloseable::close);
      if (syncHttp != null) {
        syncHttp.close();
      }
      if (asyncHttp != null) {
        asyncHttp.close();
      }
    } finally {
      stopProcess();
    }
  }

  // Runs even when closing a client failed: a moto process must never outlive its server object.
  private void stopProcess() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook runs anyway.
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // A leftover temp file is harmless.
    }
  }

  /** Whether the moto process is still running (always true for a connected server). */
  public boolean isRunning() {
    return !closed && (process == null || process.isAlive());
  }

  /**
   * The async HTTP client moto tests use: the AWS CRT client when the test classpath has it (the
   * client the CLI uses in production), the SDK's Netty client otherwise. The testkit declares the
   * CRT optional, so code that only uses the in-memory fakes never pulls native libraries.
   */
  private static final class AsyncHttp {
    private static final String CRT = "software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient";

    static software.amazon.awssdk.http.async.SdkAsyncHttpClient create() {
      try {
        Class.forName(CRT, false, MotoServer.class.getClassLoader());
        return Crt.create();
      } catch (ClassNotFoundException | LinkageError e) {
        return software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient.builder().build();
      }
    }
  }

  /** Kept apart so that the CRT classes load only when present. */
  private static final class Crt {
    static software.amazon.awssdk.http.async.SdkAsyncHttpClient create() {
      return software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient.builder().build();
    }
  }
}

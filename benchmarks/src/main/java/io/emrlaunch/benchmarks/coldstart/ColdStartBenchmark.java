package io.emrlaunch.benchmarks.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cold start: wall time from spawning a JVM to the moment its {@code RunJobFlow} request reaches a
 * local EMR stub, for {@link io.emrlaunch.core.launch.ClusterLauncher} and for the bare SDK call
 * (the peer), each with the Netty and the CRT async HTTP clients. Every run is a fresh JVM running
 * {@link ColdStartProbe}; the four kinds are interleaved round by round so machine load hits them
 * alike. The stub answers {@code RunJobFlow}, {@code ListClusters} and {@code DescribeCluster} on
 * 127.0.0.1. Writes {@code benchmarks/target/coldstart.json} and prints medians, split into JVM
 * boot (spawn to {@code main}) and work ({@code main} to the request).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.emrlaunch.benchmarks.coldstart.ColdStartBenchmark [rounds] [output.json]}; JVM options for the
 * probes go in the system property {@code coldstart.jvmArgs} (space separated), and a class path to
 * compare against (an earlier build) in {@code coldstart.baselineClasspath}.
 */
public final class ColdStartBenchmark {
  /**
   * What each fresh JVM runs: the side ({@code ours} or {@code sdk}), the HTTP client, and the
   * class path ({@code base} runs our side on the class path in {@code
   * coldstart.baselineClasspath}, e.g. a build of an earlier commit, for before/after in one run).
   */
  private static List<String[]> kinds() {
    List<String[]> kinds = new ArrayList<>();
    boolean baseline = !System.getProperty("coldstart.baselineClasspath", "").isBlank();
    for (String http : List.of("netty", "crt")) {
      kinds.add(new String[] {"ours", http});
      kinds.add(new String[] {"sdk", http});
      if (baseline) {
        kinds.add(new String[] {"base", http});
      }
    }
    return kinds;
  }

  private ColdStartBenchmark() {}

  /** One fresh JVM's figures, in milliseconds. */
  record Run(String side, String http, long total, long boot, long work, int calls) {}

  /**
   * Runs the rounds and writes the report.
   *
   * @param args rounds (default 10) and output path
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path out = Path.of(args.length > 1 ? args[1] : "benchmarks/target/coldstart.json");
    EmrStub stub = EmrStub.start();
    List<Run> runs = new ArrayList<>();
    try {
      // One unmeasured round warms the disk cache and the stub.
      for (String[] kind : kinds()) {
        runProbe(stub, kind[0], kind[1]);
      }
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < kinds().size(); i++) {
          String[] kind = kinds().get((i + round) % kinds().size());
          runs.add(runProbe(stub, kind[0], kind[1]));
        }
      }
    } finally {
      stub.stop();
    }
    report(runs, rounds, out);
  }

  private static Run runProbe(EmrStub stub, String side, String http) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    String jvmArgs = System.getProperty("coldstart.jvmArgs", "").trim();
    if (!jvmArgs.isEmpty()) {
      command.addAll(List.of(jvmArgs.split("\\s+")));
    }
    command.addAll(
        List.of(
            "-cp",
            side.equals("base")
                ? System.getProperty("coldstart.baselineClasspath")
                : System.getProperty("java.class.path"),
            ColdStartProbe.class.getName(),
            side.equals("base") ? "ours" : side,
            http,
            stub.endpoint()));
    stub.reset();
    long spawnAt = System.currentTimeMillis();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String probeLine = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        output.append(line).append('\n');
        if (line.startsWith("probe ")) {
          probeLine = line;
        }
      }
    }
    int exit = process.waitFor();
    long arrivedAt = stub.runJobFlowAt();
    if (exit != 0 || probeLine == null || arrivedAt == 0) {
      throw new IllegalStateException(
          "probe " + side + "/" + http + " failed (exit " + exit + "):\n" + output);
    }
    long mainAt = Long.parseLong(probeLine.replaceAll(".* main=(\\d+).*", "$1"));
    return new Run(
        side, http, arrivedAt - spawnAt, mainAt - spawnAt, arrivedAt - mainAt, stub.calls());
  }

  private static void report(List<Run> runs, int rounds, Path out) throws IOException {
    Map<String, long[]> medians = new LinkedHashMap<>();
    System.out.printf(
        Locale.ROOT,
        "%-6s %-6s %10s %10s %10s %6s%n",
        "side",
        "http",
        "total ms",
        "boot ms",
        "work ms",
        "calls");
    StringBuilder json = new StringBuilder("{\n  \"rounds\": " + rounds + ",\n  \"runs\": {\n");
    for (String[] kind : kinds()) {
      List<Run> mine =
          runs.stream().filter(r -> r.side().equals(kind[0]) && r.http().equals(kind[1])).toList();
      long total = median(mine.stream().mapToLong(Run::total).toArray());
      long boot = median(mine.stream().mapToLong(Run::boot).toArray());
      long work = median(mine.stream().mapToLong(Run::work).toArray());
      int calls = mine.get(0).calls();
      medians.put(kind[0] + "/" + kind[1], new long[] {total, boot, work});
      System.out.printf(
          Locale.ROOT,
          "%-6s %-6s %10d %10d %10d %6d%n",
          kind[0],
          kind[1],
          total,
          boot,
          work,
          calls);
      json.append(
          String.format(
              Locale.ROOT,
              "    \"%s/%s\": {\"medianTotalMs\": %d, \"medianBootMs\": %d,"
                  + " \"medianWorkMs\": %d, \"callsBeforeRunJobFlow\": %d},%n",
              kind[0],
              kind[1],
              total,
              boot,
              work,
              calls - 1));
    }
    json.setLength(json.length() - 2);
    json.append("\n  },\n  \"ratios\": {\n");
    for (String http : List.of("netty", "crt")) {
      long[] ours = medians.get("ours/" + http);
      long[] sdk = medians.get("sdk/" + http);
      long[] base = medians.get("base/" + http);
      if (base != null) {
        System.out.printf(
            Locale.ROOT,
            "%s: before/sdk total %.2fx, work %.2fx (+%d ms)%n",
            http,
            (double) base[0] / sdk[0],
            (double) base[2] / sdk[2],
            base[0] - sdk[0]);
      }
      double totalRatio = (double) ours[0] / sdk[0];
      double workRatio = (double) ours[2] / sdk[2];
      System.out.printf(
          Locale.ROOT,
          "%s: ours/sdk total %.2fx, work %.2fx (+%d ms)%n",
          http,
          totalRatio,
          workRatio,
          ours[0] - sdk[0]);
      json.append(
          String.format(
              Locale.ROOT,
              "    \"%s\": {\"totalRatio\": %.3f, \"workRatio\": %.3f, \"extraMs\": %d},%n",
              http,
              totalRatio,
              workRatio,
              ours[0] - sdk[0]));
    }
    json.setLength(json.length() - 2);
    json.append("\n  }\n}\n");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, json);
    System.out.println("wrote " + out);
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** A tiny EMR endpoint on 127.0.0.1 speaking the JSON 1.1 protocol. */
  static final class EmrStub {
    private final HttpServer server;
    private final AtomicLong runJobFlowAt = new AtomicLong();
    private final AtomicInteger callsUntilRunJobFlow = new AtomicInteger();
    private final AtomicInteger clusters = new AtomicInteger();

    private EmrStub(HttpServer server) {
      this.server = server;
    }

    static EmrStub start() throws IOException {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      EmrStub stub = new EmrStub(server);
      server.createContext("/", stub::handle);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.start();
      return stub;
    }

    String endpoint() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void reset() {
      runJobFlowAt.set(0);
      callsUntilRunJobFlow.set(0);
    }

    long runJobFlowAt() {
      return runJobFlowAt.get();
    }

    /** Calls that arrived up to and including the first RunJobFlow. */
    int calls() {
      return callsUntilRunJobFlow.get();
    }

    void stop() {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
      long at = System.currentTimeMillis();
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      String operation = target.substring(target.indexOf('.') + 1);
      exchange.getRequestBody().readAllBytes();
      if (runJobFlowAt.get() == 0) {
        callsUntilRunJobFlow.incrementAndGet();
      }
      String body;
      switch (operation) {
        case "RunJobFlow" -> {
          runJobFlowAt.compareAndSet(0, at);
          String id = "j-COLD" + clusters.incrementAndGet();
          body =
              "{\"JobFlowId\":\""
                  + id
                  + "\",\"ClusterArn\":\"arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/"
                  + id
                  + "\"}";
        }
        case "ListClusters" -> body = "{\"Clusters\":[]}";
        case "DescribeCluster" ->
            body =
                "{\"Cluster\":{\"Id\":\"j-COLD1\",\"Name\":\"cold-start\","
                    + "\"Status\":{\"State\":\"STARTING\"}}}";
        default -> body = "{}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
      exchange.getResponseHeaders().add("x-amzn-RequestId", "cold-" + at);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    }
  }
}

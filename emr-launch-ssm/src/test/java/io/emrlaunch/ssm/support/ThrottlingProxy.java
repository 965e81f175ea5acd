package io.emrlaunch.ssm.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on 127.0.0.1 in front of moto that answers the first N requests of chosen SSM
 * operations with a throttling error (moto has no fault injection), then forwards. Counts what it
 * throttled and what it forwarded per operation.
 */
public final class ThrottlingProxy implements AutoCloseable {
  private final HttpServer server;
  private final URI target;
  private final Map<String, AtomicInteger> toThrottle = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> forwarded = new ConcurrentHashMap<>();

  public ThrottlingProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Throttles the next {@code times} calls of an operation, e.g. {@code PutParameter}. */
  public void throttle(String operation, int times) {
    toThrottle.computeIfAbsent(operation, k -> new AtomicInteger()).addAndGet(times);
  }

  public int throttled(String operation) {
    AtomicInteger n = throttled.get(operation);
    return n == null ? 0 : n.get();
  }

  /** Forgets counts and pending throttles (between tests sharing one proxy). */
  public void resetCounters() {
    toThrottle.clear();
    throttled.clear();
    forwarded.clear();
  }

  /** Every request that reached the proxy. */
  public int total() {
    return throttled.values().stream().mapToInt(AtomicInteger::get).sum()
        + forwarded.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public int forwarded(String operation) {
    AtomicInteger n = forwarded.get(operation);
    return n == null ? 0 : n.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String amzTarget = ex.getRequestHeaders().getFirst("X-Amz-Target");
    String op = amzTarget == null ? "" : amzTarget.substring(amzTarget.indexOf('.') + 1);
    AtomicInteger left = toThrottle.get(op);
    if (left != null && left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      throttled.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
      byte[] err =
          "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"
              .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
      ex.sendResponseHeaders(400, err.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(err);
      }
      return;
    }
    forwarded.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
    HttpURLConnection c =
        (HttpURLConnection) target.resolve(ex.getRequestURI().toString()).toURL().openConnection();
    c.setRequestMethod(ex.getRequestMethod());
    for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Content-Length") && !h.getKey().equalsIgnoreCase("Host")) {
        for (String v : h.getValue()) {
          c.addRequestProperty(h.getKey(), v);
        }
      }
    }
    if (body.length > 0) {
      c.setDoOutput(true);
      try (OutputStream o = c.getOutputStream()) {
        o.write(body);
      }
    }
    int code = c.getResponseCode();
    InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
    byte[] resp = in == null ? new byte[0] : in.readAllBytes();
    String ct = c.getContentType();
    if (ct != null) {
      ex.getResponseHeaders().add("Content-Type", ct);
    }
    ex.sendResponseHeaders(code, resp.length == 0 ? -1 : resp.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(resp);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

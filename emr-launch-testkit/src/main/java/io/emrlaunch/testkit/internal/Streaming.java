package io.emrlaunch.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;

/**
 * Streaming operations (S3's {@code PutObject} and {@code GetObject}): the request plus a body
 * ({@link RequestBody}, {@link AsyncRequestBody}) or a transformer of the response ({@link
 * ResponseTransformer}, {@link AsyncResponseTransformer}).
 *
 * <p>Backends take uploads as {@code putObject(PutObjectRequest, byte[])} and answer downloads with
 * {@code ResponseBytes<GetObjectResponse> getObject(GetObjectRequest)}; this class moves the bytes
 * between those and the SDK's body and transformer types. Faults, latency and the call log apply as
 * for any operation.
 */
final class Streaming {
  private Streaming() {}

  static boolean isStreamingOperation(Method method) {
    if (method.getParameterCount() != 2
        || !SdkRequest.class.isAssignableFrom(method.getParameterTypes()[0])) {
      return false;
    }
    Class<?> second = method.getParameterTypes()[1];
    return second == RequestBody.class
        || second == AsyncRequestBody.class
        || second == ResponseTransformer.class
        || second == AsyncResponseTransformer.class;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object invoke(CallDispatcher dispatcher, Method method, Object[] args) throws Exception {
    String operation = ClientViews.operationName(method.getName());
    Class<?> requestType = method.getParameterTypes()[0];
    Class<?> second = method.getParameterTypes()[1];
    if (second == RequestBody.class) {
      byte[] body = readAll((RequestBody) args[1]);
      Method target = target(dispatcher, method, requestType, byte[].class);
      return dispatcher.callSync(operation, target, new Object[] {args[0], body});
    }
    if (second == AsyncRequestBody.class) {
      Method target = target(dispatcher, method, requestType, byte[].class);
      return collect((AsyncRequestBody) args[1])
          .thenCompose(
              body -> dispatcher.callAsync(operation, target, new Object[] {args[0], body}));
    }
    Method target = target(dispatcher, method, requestType);
    if (second == ResponseTransformer.class) {
      ResponseBytes<?> bytes =
          (ResponseBytes<?>) dispatcher.callSync(operation, target, new Object[] {args[0]});
      ResponseTransformer transformer = (ResponseTransformer) args[1];
      return transformer.transform(
          bytes.response(), AbortableInputStream.create(bytes.asInputStream()));
    }
    AsyncResponseTransformer transformer = (AsyncResponseTransformer) args[1];
    CompletableFuture<Object> prepared = transformer.prepare();
    CompletableFuture<Object> out = new CompletableFuture<>();
    dispatcher
        .callAsync(operation, target, new Object[] {args[0]})
        .whenComplete(
            (r, t) -> {
              if (t != null) {
                Throwable cause =
                    t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
                transformer.exceptionOccurred(cause);
                out.completeExceptionally(new CompletionException(cause));
                return;
              }
              ResponseBytes<?> bytes = (ResponseBytes<?>) r;
              transformer.onResponse(bytes.response());
              transformer.onStream(SdkPublisher.adapt(new OneBuffer(bytes.asByteBuffer())));
              prepared.whenComplete(
                  (v, e) -> {
                    if (e != null) {
                      out.completeExceptionally(e);
                    } else {
                      out.complete(v);
                    }
                  });
            });
    return out;
  }

  private static Method target(CallDispatcher dispatcher, Method method, Class<?>... types) {
    try {
      Method m = dispatcher.backend().getClass().getMethod(method.getName(), types);
      if (!Modifier.isStatic(m.getModifiers())) {
        return m;
      }
    } catch (NoSuchMethodException e) {
      // reported below
    }
    throw new UnsupportedOperationException(
        dispatcher.backend().getClass().getSimpleName()
            + " does not implement "
            + ClientViews.operationName(method.getName()));
  }

  private static byte[] readAll(RequestBody body) {
    try (InputStream in = body.contentStreamProvider().newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CompletableFuture<byte[]> collect(AsyncRequestBody body) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    body.subscribe(
        new Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ByteBuffer b) {
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            out.write(chunk, 0, chunk.length);
          }

          @Override
          public void onError(Throwable t) {
            done.completeExceptionally(
                SdkClientException.builder().message("request body failed").cause(t).build());
          }

          @Override
          public void onComplete() {
            done.complete(out.toByteArray());
          }
        });
    return done;
  }

  /** Publishes one buffer, then completes. */
  private static final class OneBuffer implements Publisher<ByteBuffer> {
    private final ByteBuffer buffer;

    OneBuffer(ByteBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> s) {
      s.onSubscribe(
          new Subscription() {
            private boolean done;

            @Override
            public void request(long n) {
              if (done) {
                return;
              }
              done = true;
              if (n <= 0) {
                s.onError(new IllegalArgumentException("request(" + n + "): must be positive"));
                return;
              }
              if (buffer.hasRemaining()) {
                s.onNext(buffer);
              }
              s.onComplete();
            }

            @Override
            public void cancel() {
              done = true;
            }
          });
    }
  }
}

package io.emrlaunch.ssm;

import io.emrlaunch.core.pool.LeaseStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A {@link LeaseStore} on SSM Parameter Store, for {@link io.emrlaunch.core.pool.ClusterPool}s
 * shared by several processes: {@link #create} is {@code PutParameter} with {@code Overwrite=false}
 * (SSM refuses a second create with {@code ParameterAlreadyExists}), {@link #list} is {@code
 * GetParametersByPath} (recursive, every page), {@link #delete} is {@code DeleteParameters} (10
 * names a call). Records are Standard-tier {@code String} parameters under {@code
 * /emr-launch/pools/}; the processes need {@code ssm:PutParameter}, {@code ssm:GetParametersByPath}
 * and {@code ssm:DeleteParameters} on {@code arn:aws:ssm:*:*:parameter/emr-launch/pools/*}.
 *
 * <pre>{@code
 * LeaseStore leases = SsmLeaseStore.of(ssmAsync);
 * }</pre>
 */
public final class SsmLeaseStore implements LeaseStore {
  private final SsmAsyncClient ssm;

  private SsmLeaseStore(SsmAsyncClient ssm) {
    this.ssm = Objects.requireNonNull(ssm, "ssm");
  }

  /**
   * A store over this client (not closed by the store).
   *
   * @param ssm the client
   * @return the store
   */
  public static SsmLeaseStore of(SsmAsyncClient ssm) {
    return new SsmLeaseStore(ssm);
  }

  @Override
  public CompletableFuture<Map<String, String>> list(String prefix) {
    String path = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return page(path, null, new TreeMap<>());
  }

  private CompletableFuture<Map<String, String>> page(
      String path, String token, Map<String, String> acc) {
    return ssm.getParametersByPath(r -> r.path(path).recursive(true).nextToken(token))
        .thenCompose(
            resp -> {
              resp.parameters().forEach(p -> acc.put(p.name(), p.value()));
              return resp.nextToken() == null || resp.nextToken().isEmpty()
                  ? CompletableFuture.completedFuture(acc)
                  : page(path, resp.nextToken(), acc);
            });
  }

  @Override
  public CompletableFuture<Boolean> create(String name, String value) {
    return ssm.putParameter(
            r -> r.name(name).value(value).type(ParameterType.STRING).overwrite(false))
        .handle(
            (resp, t) -> {
              if (t == null) {
                return true;
              }
              Throwable cause =
                  t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
              if (cause instanceof ParameterAlreadyExistsException) {
                return false;
              }
              throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
            });
  }

  @Override
  public CompletableFuture<Void> overwrite(String name, String value) {
    return ssm.putParameter(
            r -> r.name(name).value(value).type(ParameterType.STRING).overwrite(true))
        .thenApply(r -> null);
  }

  @Override
  public CompletableFuture<Void> delete(Collection<String> names) {
    List<String> all = new ArrayList<>(names);
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 10) {
      List<String> batch = all.subList(i, Math.min(all.size(), i + 10));
      calls.add(ssm.deleteParameters(r -> r.names(batch)));
    }
    return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
  }
}

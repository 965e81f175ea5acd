package io.emrlaunch.ssm.internal;

import io.emrlaunch.core.repository.ParameterLayout;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;

/**
 * What the three repositories of one store share.
 *
 * @param client the SSM client (its retry strategy handles throttling)
 * @param layout where records live
 * @param secure whether values are written as SecureString
 * @param kmsKeyId the KMS key of SecureString values; null for the account's {@code aws/ssm} key
 * @param pageSize GetParametersByPath page size (1-10)
 * @param cache the read-through cache (possibly disabled)
 * @param clock the time source of the cache and of write-lock expiry
 */
public record SsmSettings(
    SsmAsyncClient client,
    ParameterLayout layout,
    boolean secure,
    String kmsKeyId,
    int pageSize,
    ReadCache cache,
    java.time.Clock clock) {}

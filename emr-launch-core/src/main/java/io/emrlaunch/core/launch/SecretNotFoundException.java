package io.emrlaunch.core.launch;

import io.emrlaunch.core.EmrLaunchException;

/**
 * A secret the launch needs (a configuration's secret configuration or the profile's Kerberos
 * attributes) does not exist in Secrets Manager, or the caller may not see it. Nothing was sent to
 * EMR. The message names the secret's ARN and where it was referenced, never a value.
 */
public class SecretNotFoundException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final String secretId;

  /**
   * Creates the exception.
   *
   * @param secretId the secret's ARN or name
   * @param field where it was referenced, e.g. {@code configuration.secretConfigurations.hive-site}
   * @param cause Secrets Manager's error
   */
  public SecretNotFoundException(String secretId, String field, Throwable cause) {
    super("SecretNotFound: " + secretId + " (" + field + ")", cause);
    this.secretId = secretId;
  }

  /**
   * The secret's ARN or name.
   *
   * @return the id
   */
  public String secretId() {
    return secretId;
  }
}

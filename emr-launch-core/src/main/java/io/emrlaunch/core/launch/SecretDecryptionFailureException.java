package io.emrlaunch.core.launch;

import io.emrlaunch.core.EmrLaunchException;

/**
 * A secret the launch needs could not be decrypted (its KMS key may not be used by the caller) or
 * its value is not the JSON object of text values the launch expects. Nothing was sent to EMR. The
 * message names the secret's ARN and where it was referenced, never a value.
 */
public class SecretDecryptionFailureException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final String secretId;

  /**
   * Creates the exception.
   *
   * @param secretId the secret's ARN or name
   * @param field where it was referenced, e.g. {@code profile.kerberosAttributesSecretArn}
   * @param why what failed, without the value
   * @param cause Secrets Manager's error, or null
   */
  public SecretDecryptionFailureException(
      String secretId, String field, String why, Throwable cause) {
    super("SecretDecryptionFailure: " + secretId + " (" + field + "): " + why, cause);
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

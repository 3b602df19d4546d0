package dev.terway4j.cloud.aliyun.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.credentials.provider.AlibabaCloudCredentialsProvider;

/**
 * Wraps the credentials provider the SDK signs with (a caller's own, or the default chain) so that
 * the provider's {@link SecretRedactor} learns every id, secret and token at the moment the SDK
 * obtains them, before any request carrying them is sent.
 *
 * <p>Thread-safe when the wrapped provider is.
 */
public final class LearningCredentialsProvider implements AlibabaCloudCredentialsProvider {
  private final AlibabaCloudCredentialsProvider delegate;
  private final SecretRedactor redactor;

  /**
   * Wraps a provider.
   *
   * @param delegate the provider that fetches the credentials
   * @param redactor the redactor that learns them
   */
  public LearningCredentialsProvider(
      AlibabaCloudCredentialsProvider delegate, SecretRedactor redactor) {
    this.delegate = checkNotNull(delegate, "delegate");
    this.redactor = checkNotNull(redactor, "redactor");
  }

  @Override
  public CredentialModel getCredentials() {
    CredentialModel credentials = delegate.getCredentials();
    if (credentials != null) {
      redactor.register(credentials.getAccessKeyId());
      redactor.register(credentials.getAccessKeySecret());
      redactor.register(credentials.getSecurityToken());
      redactor.register(credentials.getBearerToken());
    }
    return credentials;
  }

  /** Names the wrapped provider's class only. */
  @Override
  public String toString() {
    return "LearningCredentialsProvider[" + delegate.getClass().getSimpleName() + "]";
  }
}

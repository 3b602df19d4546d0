package dev.terway4j.cloud.aliyun;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.aliyun.credentials.provider.AlibabaCloudCredentialsProvider;
import java.util.Optional;

/**
 * Where the Aliyun backend gets the credentials it signs requests with: a static access key pair,
 * an STS token, a credentials-java provider (RAM role, OIDC/RRSA, credentials URI, or your own), or
 * the credentials-java default chain.
 *
 * <p>Secrets are never shown: {@link #toString()} names only the kind, and the backend never puts
 * them in logs or exception messages.
 *
 * <p>Immutable and thread-safe (a provider passed in must itself be thread-safe; the SDK calls it
 * from every request thread).
 */
public final class AliyunCredentials {

  /** The kinds of credentials. */
  public enum Kind {
    /** A static AccessKeyId / AccessKeySecret pair. */
    ACCESS_KEY,
    /** A static STS token: AccessKeyId, AccessKeySecret and SecurityToken. */
    STS_TOKEN,
    /** A credentials-java provider, asked before every request (it may cache and refresh). */
    PROVIDER,
    /**
     * The credentials-java default chain: system properties, {@code ALIBABA_CLOUD_*} environment
     * variables, OIDC (RRSA), {@code ~/.alibabacloud/credentials}, then the ECS RAM role named by
     * {@code ALIBABA_CLOUD_ECS_METADATA}. Resolved at the first request, not at construction.
     */
    DEFAULT_CHAIN
  }

  private final Kind kind;
  private final String accessKeyId;
  private final String accessKeySecret;
  private final String securityToken;
  private final AlibabaCloudCredentialsProvider provider;

  private AliyunCredentials(
      Kind kind,
      String accessKeyId,
      String accessKeySecret,
      String securityToken,
      AlibabaCloudCredentialsProvider provider) {
    this.kind = kind;
    this.accessKeyId = accessKeyId;
    this.accessKeySecret = accessKeySecret;
    this.securityToken = securityToken;
    this.provider = provider;
  }

  /**
   * Returns a static access key pair.
   *
   * @param accessKeyId the AccessKeyId, not blank
   * @param accessKeySecret the AccessKeySecret, not blank
   * @return the credentials
   * @throws IllegalArgumentException if either is blank (the message never shows the secret)
   */
  public static AliyunCredentials accessKey(String accessKeyId, String accessKeySecret) {
    return new AliyunCredentials(
        Kind.ACCESS_KEY,
        notBlank(accessKeyId, "accessKeyId"),
        notBlank(accessKeySecret, "accessKeySecret"),
        null,
        null);
  }

  /**
   * Returns a static STS token. It is not refreshed: use {@link #provider} for credentials that
   * expire while the backend runs.
   *
   * @param accessKeyId the STS AccessKeyId ({@code STS.…}), not blank
   * @param accessKeySecret the AccessKeySecret, not blank
   * @param securityToken the SecurityToken, not blank
   * @return the credentials
   * @throws IllegalArgumentException if any is blank
   */
  public static AliyunCredentials stsToken(
      String accessKeyId, String accessKeySecret, String securityToken) {
    return new AliyunCredentials(
        Kind.STS_TOKEN,
        notBlank(accessKeyId, "accessKeyId"),
        notBlank(accessKeySecret, "accessKeySecret"),
        notBlank(securityToken, "securityToken"),
        null);
  }

  /**
   * Returns credentials from a credentials-java provider, e.g. {@code
   * OIDCRoleArnCredentialProvider} on ACK with RRSA, {@code EcsRamRoleCredentialProvider}, or your
   * own implementation of the one-method interface.
   *
   * @param provider the provider; thread-safe
   * @return the credentials
   */
  public static AliyunCredentials provider(AlibabaCloudCredentialsProvider provider) {
    return new AliyunCredentials(
        Kind.PROVIDER, null, null, null, checkNotNull(provider, "provider"));
  }

  /**
   * Returns the credentials-java default chain (see {@link Kind#DEFAULT_CHAIN}).
   *
   * @return the credentials
   */
  public static AliyunCredentials defaultChain() {
    return new AliyunCredentials(Kind.DEFAULT_CHAIN, null, null, null, null);
  }

  /**
   * Returns the kind.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the static AccessKeyId, for {@link Kind#ACCESS_KEY} and {@link Kind#STS_TOKEN}.
   *
   * @return the id, if static
   */
  public Optional<String> accessKeyId() {
    return Optional.ofNullable(accessKeyId);
  }

  /**
   * Returns the static AccessKeySecret. Only the backend should call this.
   *
   * @return the secret, if static
   */
  Optional<String> accessKeySecret() {
    return Optional.ofNullable(accessKeySecret);
  }

  /**
   * Returns the static SecurityToken. Only the backend should call this.
   *
   * @return the token, for {@link Kind#STS_TOKEN}
   */
  Optional<String> securityToken() {
    return Optional.ofNullable(securityToken);
  }

  /**
   * Returns the provider, for {@link Kind#PROVIDER}.
   *
   * @return the provider, if any
   */
  Optional<AlibabaCloudCredentialsProvider> provider() {
    return Optional.ofNullable(provider);
  }

  /** Returns the kind only; never an id, secret or token. */
  @Override
  public String toString() {
    return "AliyunCredentials[" + kind + "]";
  }

  private static String notBlank(String value, String name) {
    checkNotNull(value, "%s is null", name);
    checkArgument(!value.isBlank(), "%s is blank", name);
    return value;
  }
}

package dev.terway4j.kubernetes.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS key manager whose certificate chain and private key come from PEM files (as a Kubernetes
 * {@code kubernetes.io/tls} Secret holds them: {@code tls.crt} and {@code tls.key}) and are read
 * again whenever the files' contents change, so a renewed certificate (cert-manager) is served
 * without a restart. The files are compared on every TLS handshake (two small reads); a pair that
 * does not parse (half-written during a rotation) is logged and the previous pair kept.
 *
 * <p>Keys: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or EC) and PKCS#1 RSA ({@code BEGIN RSA PRIVATE
 * KEY}). Encrypted keys are refused. Thread-safe.
 */
public final class PemCredentials extends X509ExtendedKeyManager {
  private static final Logger log = LoggerFactory.getLogger(PemCredentials.class);
  private static final String ALIAS = "webhook";
  private static final long MAX_FILE_BYTES = 1024 * 1024;

  private final Path certificateFile;
  private final Path keyFile;
  private volatile Loaded current;

  private record Loaded(
      byte[] certBytes, byte[] keyBytes, X509Certificate[] chain, PrivateKey key) {}

  /**
   * Reads the files once.
   *
   * @param certificateFile PEM certificate chain, leaf first
   * @param keyFile PEM private key
   * @throws IllegalArgumentException naming the file when a file cannot be read or parsed
   */
  public PemCredentials(Path certificateFile, Path keyFile) {
    this.certificateFile = certificateFile;
    this.keyFile = keyFile;
    byte[] cert = read(certificateFile);
    byte[] key = read(keyFile);
    this.current = parse(cert, key);
  }

  /**
   * Returns the certificate served now.
   *
   * @return the leaf certificate
   */
  public X509Certificate leaf() {
    return refreshed().chain[0];
  }

  private Loaded refreshed() {
    Loaded loaded = current;
    byte[] cert;
    byte[] key;
    try {
      cert = read(certificateFile);
      key = read(keyFile);
    } catch (IllegalArgumentException e) {
      log.warn("keeping the previous TLS credentials: {}", e.getMessage());
      return loaded;
    }
    if (Arrays.equals(cert, loaded.certBytes) && Arrays.equals(key, loaded.keyBytes)) {
      return loaded;
    }
    synchronized (this) {
      if (Arrays.equals(cert, current.certBytes) && Arrays.equals(key, current.keyBytes)) {
        return current;
      }
      try {
        current = parse(cert, key);
        log.info(
            "TLS credentials reloaded from {}: {}",
            certificateFile.getFileName(),
            current.chain[0].getSubjectX500Principal().getName());
      } catch (IllegalArgumentException e) {
        log.warn("keeping the previous TLS credentials: {}", e.getMessage());
      }
      return current;
    }
  }

  private static byte[] read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private Loaded parse(byte[] cert, byte[] key) {
    X509Certificate[] chain;
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Collection<? extends Certificate> certificates =
          factory.generateCertificates(new ByteArrayInputStream(cert));
      chain = certificates.toArray(new X509Certificate[0]);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException(
          certificateFile + " holds no PEM X.509 certificate: " + e.getMessage(), e);
    }
    if (chain.length == 0) {
      throw new IllegalArgumentException(certificateFile + " holds no PEM X.509 certificate");
    }
    return new Loaded(cert, key, chain, privateKey(key, chain[0]));
  }

  private PrivateKey privateKey(byte[] pem, X509Certificate leaf) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    byte[] der;
    if (text.contains("-----BEGIN PRIVATE KEY-----")) {
      der = base64Between(text, "PRIVATE KEY");
    } else if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
      der = pkcs1ToPkcs8(base64Between(text, "RSA PRIVATE KEY"));
    } else {
      throw new IllegalArgumentException(
          keyFile
              + " holds no unencrypted PEM private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE"
              + " KEY)");
    }
    String algorithm = leaf.getPublicKey().getAlgorithm();
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          keyFile + " is not a " + algorithm + " private key matching " + certificateFile, e);
    }
  }

  private byte[] base64Between(String text, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end, from);
    if (from < 0 || to < 0) {
      throw new IllegalArgumentException(keyFile + ": unterminated PEM block " + label);
    }
    String body = text.substring(from + begin.length(), to).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(keyFile + ": the PEM block is not base64", e);
    }
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo with the rsaEncryption algorithm. */
  private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] body = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
    System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
    return der(0x30, body);
  }

  private static byte[] der(int tag, byte[] content) {
    int length = content.length;
    byte[] header;
    if (length < 0x80) {
      header = new byte[] {(byte) tag, (byte) length};
    } else if (length < 0x100) {
      header = new byte[] {(byte) tag, (byte) 0x81, (byte) length};
    } else if (length < 0x10000) {
      header = new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
    } else {
      header =
          new byte[] {
            (byte) tag, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length
          };
    }
    byte[] out = new byte[header.length + length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(content, 0, out, header.length, length);
    return out;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return new String[] {ALIAS};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return matches(keyType) ? ALIAS : null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return matches(keyType) ? ALIAS : null;
  }

  private boolean matches(String keyType) {
    String algorithm = refreshed().key.getAlgorithm();
    return keyType == null
        || keyType.equalsIgnoreCase(algorithm)
        || (keyType.startsWith("EC") && algorithm.equals("EC"))
        || (keyType.startsWith("RSA") && algorithm.equals("RSA"));
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? current.chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? current.key : null;
  }

  @Override
  public String toString() {
    return "PemCredentials[" + certificateFile + "]";
  }
}

package dev.terway4j.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The CustomResourceDefinition manifests ({@code apiextensions.k8s.io/v1}) of {@link PodNetworking}
 * and {@link PodEni}, as shipped in this jar under {@code dev/terway4j/model/crds/}.
 *
 * <p>The schemas describe exactly the fields of the model, with the defaults, enums and required
 * fields of Terway's own CRDs ({@code network.alibabacloud.com/v1beta1}, served and stored, with a
 * {@code status} subresource), so that a cluster without Terway can hold the objects this library
 * reads and writes. Apply them with {@code kubectl apply -f} or any Kubernetes client.
 *
 * <p>Every method reads the manifest from the class path on each call: the class holds no state and
 * is thread-safe.
 */
public final class Crds {

  /** The class-path folder of the manifests, relative to this package. */
  private static final String FOLDER = "crds/";

  /** The file name of the PodNetworking CRD, named as controller-gen names it. */
  private static final String POD_NETWORKING_FILE = "network.alibabacloud.com_podnetworkings.yaml";

  /** The file name of the PodENI CRD, named as controller-gen names it. */
  private static final String POD_ENI_FILE = "network.alibabacloud.com_podenis.yaml";

  private Crds() {}

  /**
   * Returns the CRD of {@code podnetworkings.network.alibabacloud.com} (cluster-scoped, kind {@code
   * PodNetworking}) as one YAML document.
   *
   * @throws IllegalStateException when the manifest is missing from the class path
   * @throws UncheckedIOException when it cannot be read
   */
  public static String podNetworking() {
    return load(POD_NETWORKING_FILE);
  }

  /**
   * Returns the CRD of {@code podenis.network.alibabacloud.com} (namespaced, kind {@code PodENI})
   * as one YAML document.
   *
   * @throws IllegalStateException when the manifest is missing from the class path
   * @throws UncheckedIOException when it cannot be read
   */
  public static String podEni() {
    return load(POD_ENI_FILE);
  }

  /**
   * Returns both CRDs, PodNetworking then PodENI, as one multi-document YAML text in which each
   * document starts with {@code ---}.
   *
   * @throws IllegalStateException when a manifest is missing from the class path
   * @throws UncheckedIOException when one cannot be read
   */
  public static String all() {
    return "---\n" + podNetworking() + "---\n" + podEni();
  }

  private static String load(String file) {
    String name = FOLDER + file;
    try (InputStream in = Crds.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "CRD manifest dev/terway4j/model/" + name + " is missing from the class path");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.endsWith("\n") ? text : text + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRD manifest dev/terway4j/model/" + name, e);
    }
  }
}

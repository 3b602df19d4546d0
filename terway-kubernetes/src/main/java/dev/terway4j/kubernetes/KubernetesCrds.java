package dev.terway4j.kubernetes;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.terway4j.model.ControlCharacters.escaped;

import dev.terway4j.model.Crds;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the CustomResourceDefinitions of {@code PodNetworking} and {@code PodENI}, as shipped in
 * the model jar ({@link Crds}), into a cluster; what Terway's control plane does at start.
 *
 * <p>Idempotent: a CRD that is absent is created, one whose {@code spec} differs is updated (on the
 * {@code resourceVersion} read, again on a conflict), one that is equal is left alone. A real API
 * server takes a moment to serve a new CRD (its {@code Established} condition); callers that create
 * objects right after a first installation should wait for it.
 *
 * <p>Stateless and thread-safe.
 */
public final class KubernetesCrds {
  private static final Logger log = LoggerFactory.getLogger(KubernetesCrds.class);
  private static final int MAX_ATTEMPTS = 5;

  /** What installing did to one CRD. */
  public enum Outcome {
    /** It was absent and is created. */
    CREATED,
    /** It differed and is updated. */
    UPDATED,
    /** It was already as shipped. */
    UNCHANGED
  }

  /**
   * What installing did to one CRD.
   *
   * @param name the CRD's name, e.g. {@code podenis.network.alibabacloud.com}
   * @param outcome what was done
   */
  public record Installed(String name, Outcome outcome) {}

  private KubernetesCrds() {}

  /**
   * Returns the shipped CRDs as fabric8 objects, PodNetworking then PodENI.
   *
   * @param client the client whose serialization to use
   * @return the CRDs
   */
  public static List<CustomResourceDefinition> definitions(KubernetesClient client) {
    checkNotNull(client, "client");
    return List.of(
        client
            .getKubernetesSerialization()
            .unmarshal(Crds.podNetworking(), CustomResourceDefinition.class),
        client
            .getKubernetesSerialization()
            .unmarshal(Crds.podEni(), CustomResourceDefinition.class));
  }

  /**
   * Creates or updates both CRDs.
   *
   * @param client the client, allowed to get, create and update {@code customresourcedefinitions}
   * @return what was done to each, PodNetworking then PodENI
   * @throws KubernetesClientException if the API server refuses, or the CRD keeps changing
   */
  public static List<Installed> install(KubernetesClient client) {
    List<Installed> installed = new ArrayList<>();
    for (CustomResourceDefinition crd : definitions(client)) {
      installed.add(install(client, crd));
    }
    return List.copyOf(installed);
  }

  private static Installed install(KubernetesClient client, CustomResourceDefinition wanted) {
    String name = wanted.getMetadata().getName();
    var crds = client.apiextensions().v1().customResourceDefinitions();
    for (int attempt = 1; ; attempt++) {
      CustomResourceDefinition current = crds.withName(name).get();
      try {
        if (current == null) {
          crds.resource(wanted).create();
          log.info("created CRD {}", escaped(name));
          return new Installed(name, Outcome.CREATED);
        }
        if (Objects.equals(comparable(wanted, current).getSpec(), current.getSpec())) {
          return new Installed(name, Outcome.UNCHANGED);
        }
        CustomResourceDefinition update = client.getKubernetesSerialization().clone(current);
        update.setSpec(wanted.getSpec());
        crds.resource(update).update();
        log.info("updated CRD {}", escaped(name));
        return new Installed(name, Outcome.UPDATED);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        log.debug("CRD {} changed while installed; again", escaped(name));
      }
    }
  }

  /** Returns the wanted CRD with the fields the API server defaults taken from the current one. */
  private static CustomResourceDefinition comparable(
      CustomResourceDefinition wanted, CustomResourceDefinition current) {
    CustomResourceDefinition copy = new CustomResourceDefinitionBuilder(wanted).build();
    if (current.getSpec() != null) {
      if (copy.getSpec().getConversion() == null) {
        copy.getSpec().setConversion(current.getSpec().getConversion());
      }
      if (copy.getSpec().getPreserveUnknownFields() == null) {
        copy.getSpec().setPreserveUnknownFields(current.getSpec().getPreserveUnknownFields());
      }
    }
    return copy;
  }
}

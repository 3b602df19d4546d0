package dev.terway4j.kubernetes.internal;

import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodNetworking;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The resource definitions of Terway's custom resources ({@code network.alibabacloud.com/v1beta1}),
 * for the fabric8 generic-resource API. Constants only; thread-safe.
 */
public final class TerwayResources {

  /** The API group. */
  public static final String GROUP = "network.alibabacloud.com";

  /** The served and stored version. */
  public static final String VERSION = "v1beta1";

  /** PodENI: namespaced, same namespace and name as its pod. */
  public static final ResourceDefinitionContext POD_ENIS =
      new ResourceDefinitionContext.Builder()
          .withGroup(GROUP)
          .withVersion(VERSION)
          .withPlural("podenis")
          .withKind(PodEni.KIND)
          .withNamespaced(true)
          .build();

  /** PodNetworking: cluster-scoped. */
  public static final ResourceDefinitionContext POD_NETWORKINGS =
      new ResourceDefinitionContext.Builder()
          .withGroup(GROUP)
          .withVersion(VERSION)
          .withPlural("podnetworkings")
          .withKind(PodNetworking.KIND)
          .withNamespaced(false)
          .build();

  private TerwayResources() {}
}

package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * The control-plane settings Terway's pod webhook reads, with Terway's defaults. Immutable and
 * thread-safe.
 *
 * @param enableTrunk controlplane {@code enableTrunk}: request {@code aliyun/member-eni} (else
 *     {@code aliyun/eni}); default true
 * @param injectResource controlplane {@code enableWebhookInjectResource}; default true
 * @param centralizedIpam controlplane {@code ipamType == crd}: an unmatched pod still gets a
 *     default network; default false
 * @param rejectAmbiguous reject a pod that several PodNetworkings match (Terway picks one
 *     arbitrarily); default false: the lowest name wins
 * @param defaultVSwitches the vSwitch ids of {@code eni-config} (flattened and sorted), used when a
 *     network has none
 * @param defaultSecurityGroups the security groups of {@code eni-config}, used when a network has
 *     none
 */
public record AdmissionSettings(
    boolean enableTrunk,
    boolean injectResource,
    boolean centralizedIpam,
    boolean rejectAmbiguous,
    List<String> defaultVSwitches,
    List<String> defaultSecurityGroups) {

  private static final AdmissionSettings DEFAULTS =
      new AdmissionSettings(true, true, false, false, List.of(), List.of());

  /** Copies the lists. */
  public AdmissionSettings {
    checkNotNull(defaultVSwitches, "defaultVSwitches");
    checkNotNull(defaultSecurityGroups, "defaultSecurityGroups");
    defaultVSwitches = List.copyOf(defaultVSwitches);
    defaultSecurityGroups = List.copyOf(defaultSecurityGroups);
  }

  /** Returns Terway's defaults: trunk on, resource injection on, not centralized IPAM. */
  public static AdmissionSettings defaults() {
    return DEFAULTS;
  }

  /** Returns a copy with {@code enableTrunk} set. */
  public AdmissionSettings withEnableTrunk(boolean value) {
    return new AdmissionSettings(
        value,
        injectResource,
        centralizedIpam,
        rejectAmbiguous,
        defaultVSwitches,
        defaultSecurityGroups);
  }

  /** Returns a copy with {@code injectResource} set. */
  public AdmissionSettings withInjectResource(boolean value) {
    return new AdmissionSettings(
        enableTrunk,
        value,
        centralizedIpam,
        rejectAmbiguous,
        defaultVSwitches,
        defaultSecurityGroups);
  }

  /** Returns a copy with {@code centralizedIpam} set. */
  public AdmissionSettings withCentralizedIpam(boolean value) {
    return new AdmissionSettings(
        enableTrunk,
        injectResource,
        value,
        rejectAmbiguous,
        defaultVSwitches,
        defaultSecurityGroups);
  }

  /** Returns a copy with {@code rejectAmbiguous} set. */
  public AdmissionSettings withRejectAmbiguous(boolean value) {
    return new AdmissionSettings(
        enableTrunk,
        injectResource,
        centralizedIpam,
        value,
        defaultVSwitches,
        defaultSecurityGroups);
  }

  /** Returns a copy with the {@code eni-config} defaults set. */
  public AdmissionSettings withEniConfigDefaults(
      List<String> vSwitches, List<String> securityGroups) {
    return new AdmissionSettings(
        enableTrunk, injectResource, centralizedIpam, rejectAmbiguous, vSwitches, securityGroups);
  }
}

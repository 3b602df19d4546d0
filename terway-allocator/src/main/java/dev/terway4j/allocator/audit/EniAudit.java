package dev.terway4j.allocator.audit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.Lists;
import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.allocator.PodEniStore;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.model.Allocation;
import dev.terway4j.model.EniInfo;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodEniStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the PodENI records with the cloud's ENIs and reports every inconsistency, as {@code
 * calicoctl ipam check} does for Calico's IPAM.
 *
 * <p>What is checked, for each record:
 *
 * <ul>
 *   <li>every ENI it references exists and is not being deleted ({@link
 *       AuditFinding.Kind#MISSING_ENI}), unless the record itself is being deleted;
 *   <li>no other record references the same ENI ({@link AuditFinding.Kind#SHARED_ENI});
 *   <li>the IPv4 address and MAC it records are the ENI's ({@link
 *       AuditFinding.Kind#ADDRESS_MISMATCH});
 *   <li>phase {@code Bind}: the ENI is {@code InUse} on the record's instance through the record's
 *       trunk ({@link AuditFinding.Kind#ATTACHMENT_MISMATCH}) and its device index is the record's
 *       VLAN id ({@link AuditFinding.Kind#VLAN_MISMATCH});
 *   <li>phase {@code Unbind} (a kept Fixed ENI): the ENI is {@code Available}, attached nowhere;
 *   <li>other phases are the allocator's work in progress: listed as pending, not judged.
 * </ul>
 *
 * <p>And for the cloud: every per-pod ENI ({@code Secondary} or member) tagged {@code
 * ack.aliyun.com=<cluster>} and {@code creator=terway-controller} must be referenced by a record
 * ({@link AuditFinding.Kind#LEAKED_ENI}); one younger than the guard age is listed as young, since
 * it may be being created right now. The same guard age as the allocator's leak sweep ({@link
 * AllocatorSettings#leakGuardAge()}) makes the audit agree with what the sweep will release.
 *
 * <p>The audit only reads. Immutable and thread-safe; one instance may audit any number of times.
 */
public final class EniAudit {
  private final String clusterId;
  private final Optional<String> vpcId;
  private final Duration leakGuardAge;

  private EniAudit(String clusterId, Optional<String> vpcId, Duration leakGuardAge) {
    this.clusterId = clusterId;
    this.vpcId = vpcId;
    this.leakGuardAge = leakGuardAge;
  }

  /**
   * Returns the audit of the cluster an allocator works for, with its VPC and leak guard age.
   *
   * @param settings the allocator's settings
   * @return the audit
   */
  public static EniAudit of(AllocatorSettings settings) {
    checkNotNull(settings, "settings");
    return new EniAudit(settings.clusterId(), settings.vpcId(), settings.leakGuardAge());
  }

  /**
   * Returns the audit of a cluster, with no guard age: every unreferenced ENI counts as leaked.
   *
   * @param clusterId the cluster id written in the {@code ack.aliyun.com} tag
   * @return the audit
   */
  public static EniAudit forCluster(String clusterId) {
    checkNotNull(clusterId, "clusterId");
    checkArgument(!clusterId.isEmpty(), "clusterId is empty");
    return new EniAudit(clusterId, Optional.empty(), Duration.ZERO);
  }

  /**
   * Returns a copy with another leak guard age.
   *
   * @param age how old an unreferenced ENI must be to count as leaked; not negative
   * @return the audit
   */
  public EniAudit withLeakGuardAge(Duration age) {
    checkNotNull(age, "age");
    checkArgument(!age.isNegative(), "leak guard age is negative: %s", age);
    return new EniAudit(clusterId, vpcId, age);
  }

  /**
   * Returns the cloud query that lists this cluster's ENIs: its two tags, and its VPC if known.
   *
   * @return the query
   */
  public NetworkInterfaceQuery query() {
    NetworkInterfaceQuery.Builder query =
        NetworkInterfaceQuery.builder()
            .tag(AllocatorSettings.CLUSTER_TAG, clusterId)
            .tag(AllocatorSettings.CREATOR_TAG, AllocatorSettings.CREATOR);
    vpcId.ifPresent(query::vpcId);
    return query.build();
  }

  /**
   * Audits a store against a cloud: lists the cluster's ENIs, then reads the records, then
   * describes the referenced ENIs the listing did not show (an ENI that lost its tags is still
   * found). Listing first means an ENI created during the audit is never reported leaked by a
   * record written after the listing.
   *
   * @param store the records
   * @param cloud the cloud; every call may throw its {@link
   *     dev.terway4j.cloud.spi.CloudException}s, which propagate
   * @param now the time ages are judged against
   * @return the report
   */
  public AuditReport audit(PodEniStore store, CloudProvider cloud, Instant now) {
    checkNotNull(store, "store");
    checkNotNull(cloud, "cloud");
    checkNotNull(now, "now");
    Map<String, NetworkInterface> enis = new LinkedHashMap<>();
    cloud.describeAllNetworkInterfaces(query()).forEach(e -> enis.put(e.id(), e));
    List<PodEni> records = store.list();
    Set<String> unseen = new LinkedHashSet<>();
    for (PodEni record : records) {
      for (Allocation allocation : record.spec().allocations()) {
        String id = allocation.eni().id();
        if (!id.isEmpty() && !enis.containsKey(id)) {
          unseen.add(id);
        }
      }
    }
    for (List<String> batch :
        Lists.partition(new ArrayList<>(unseen), NetworkInterfaceQuery.MAX_IDS)) {
      cloud
          .describeAllNetworkInterfaces(
              NetworkInterfaceQuery.builder().networkInterfaceIds(batch).build())
          .forEach(e -> enis.put(e.id(), e));
    }
    return audit(records, enis.values(), now);
  }

  /**
   * Audits records against ENIs already listed. The ENIs may include others (trunks, other
   * clusters'): only per-pod ENIs carrying this cluster's tags can be leaked.
   *
   * @param records the PodENI records
   * @param enis the ENIs as the cloud describes them
   * @param now the time ages are judged against
   * @return the report
   */
  public AuditReport audit(
      Collection<PodEni> records, Collection<NetworkInterface> enis, Instant now) {
    checkNotNull(records, "records");
    checkNotNull(enis, "enis");
    checkNotNull(now, "now");
    Map<String, NetworkInterface> byId = new HashMap<>();
    enis.forEach(e -> byId.put(e.id(), e));
    List<PodEni> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparing(EniAudit::key));
    List<AuditFinding> findings = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    Map<String, String> owners = new HashMap<>();
    for (PodEni record : sorted) {
      String key = key(record);
      PodEniStatus status = record.status().orElse(null);
      PodEniPhase phase = status == null ? PodEniPhase.INITIAL : status.phase();
      boolean resting = phase == PodEniPhase.BIND || phase == PodEniPhase.UNBIND;
      if (!resting) {
        pending.add(key);
      }
      for (Allocation allocation : record.spec().allocations()) {
        String id = allocation.eni().id();
        String previous = owners.putIfAbsent(id, key);
        if (previous != null) {
          findings.add(
              finding(
                  AuditFinding.Kind.SHARED_ENI, id, key, "also referenced by PodENI " + previous));
        }
        NetworkInterface eni = byId.get(id);
        if (eni == null || eni.status() == NetworkInterfaceStatus.DELETING) {
          if (phase != PodEniPhase.DELETING) {
            findings.add(
                finding(
                    AuditFinding.Kind.MISSING_ENI,
                    id,
                    key,
                    eni == null
                        ? "the ENI does not exist (PodENI phase " + phase.wireValue() + ")"
                        : "the ENI is being deleted (PodENI phase " + phase.wireValue() + ")"));
          }
          continue;
        }
        checkAddresses(findings, key, allocation, eni);
        if (phase == PodEniPhase.BIND) {
          checkBound(findings, key, status, eni);
        } else if (phase == PodEniPhase.UNBIND
            && eni.status() != NetworkInterfaceStatus.AVAILABLE) {
          findings.add(
              finding(
                  AuditFinding.Kind.ATTACHMENT_MISMATCH,
                  id,
                  key,
                  "kept (Unbind) but the ENI is "
                      + eni.status().apiName()
                      + eni.instanceId().map(i -> " on " + i).orElse("")));
        }
      }
    }
    List<String> young = new ArrayList<>();
    int ours = 0;
    for (NetworkInterface eni : enis) {
      if (!ours(eni)) {
        continue;
      }
      ours++;
      if (owners.containsKey(eni.id()) || eni.status() == NetworkInterfaceStatus.DELETING) {
        continue;
      }
      if (eni.creationTime().plus(leakGuardAge).isAfter(now)) {
        young.add(eni.id());
        continue;
      }
      findings.add(
          new AuditFinding(
              AuditFinding.Kind.LEAKED_ENI,
              eni.id(),
              Optional.empty(),
              "tagged for cluster "
                  + clusterId
                  + ", "
                  + eni.status().apiName()
                  + eni.instanceId().map(i -> " on " + i).orElse("")
                  + ", created "
                  + eni.creationTime()
                  + ", referenced by no PodENI"));
    }
    return new AuditReport(now, records.size(), ours, findings, pending, young);
  }

  private static void checkAddresses(
      List<AuditFinding> findings, String key, Allocation allocation, NetworkInterface eni) {
    String ip = allocation.ipv4();
    if (!ip.isEmpty() && !ip.equals(eni.privateIpAddress())) {
      findings.add(
          finding(
              AuditFinding.Kind.ADDRESS_MISMATCH,
              eni.id(),
              key,
              "PodENI says IPv4 " + ip + ", the ENI has " + eni.privateIpAddress()));
    }
    String mac = allocation.eni().mac();
    if (!mac.isEmpty() && !mac.equalsIgnoreCase(eni.macAddress())) {
      findings.add(
          finding(
              AuditFinding.Kind.ADDRESS_MISMATCH,
              eni.id(),
              key,
              "PodENI says MAC " + mac + ", the ENI has " + eni.macAddress()));
    }
  }

  private static void checkBound(
      List<AuditFinding> findings, String key, PodEniStatus status, NetworkInterface eni) {
    String instance = status.instanceID();
    String trunk = status.trunkENIID();
    boolean attached =
        eni.status() == NetworkInterfaceStatus.IN_USE
            && eni.instanceId().equals(Optional.of(instance))
            && (trunk.isEmpty() || eni.trunkNetworkInterfaceId().equals(Optional.of(trunk)));
    if (!attached) {
      findings.add(
          finding(
              AuditFinding.Kind.ATTACHMENT_MISMATCH,
              eni.id(),
              key,
              "PodENI says bound to "
                  + instance
                  + " through trunk "
                  + trunk
                  + ", the ENI is "
                  + eni.status().apiName()
                  + eni.instanceId().map(i -> " on " + i).orElse("")
                  + eni.trunkNetworkInterfaceId().map(t -> " through trunk " + t).orElse("")));
      return;
    }
    EniInfo info = status.eniInfos().get(eni.id());
    int recorded = info == null ? -1 : info.vid();
    int actual = eni.deviceIndex().orElse(-1);
    if (recorded != actual) {
      findings.add(
          finding(
              AuditFinding.Kind.VLAN_MISMATCH,
              eni.id(),
              key,
              "PodENI says VLAN "
                  + (info == null ? "(none)" : String.valueOf(recorded))
                  + ", the ENI's device index on "
                  + trunk
                  + " is "
                  + (actual < 0 ? "(none)" : String.valueOf(actual))));
    }
  }

  private boolean ours(NetworkInterface eni) {
    boolean perPod =
        eni.type() == NetworkInterfaceType.SECONDARY || eni.type() == NetworkInterfaceType.MEMBER;
    return perPod
        && clusterId.equals(eni.tags().get(AllocatorSettings.CLUSTER_TAG))
        && AllocatorSettings.CREATOR.equals(eni.tags().get(AllocatorSettings.CREATOR_TAG))
        && vpcId.map(v -> v.equals(eni.vpcId())).orElse(true);
  }

  private static AuditFinding finding(
      AuditFinding.Kind kind, String eniId, String key, String detail) {
    return new AuditFinding(kind, eniId, Optional.of(key), detail);
  }

  private static String key(PodEni record) {
    return record.metadata().namespace() + "/" + record.metadata().name();
  }

  @Override
  public String toString() {
    return "EniAudit{cluster="
        + clusterId
        + vpcId.map(v -> ", vpc=" + v).orElse("")
        + ", leakGuardAge="
        + leakGuardAge
        + "}";
  }
}

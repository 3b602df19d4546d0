package dev.terway4j.cloud.aliyun;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.terway4j.model.ControlCharacters.escaped;

import com.aliyun.credentials.provider.DefaultCredentialsProvider;
import com.aliyun.ecs20140526.models.AttachNetworkInterfaceRequest;
import com.aliyun.ecs20140526.models.CreateNetworkInterfaceResponse;
import com.aliyun.ecs20140526.models.DeleteNetworkInterfaceRequest;
import com.aliyun.ecs20140526.models.DescribeInstanceTypesRequest;
import com.aliyun.ecs20140526.models.DescribeInstanceTypesResponseBody;
import com.aliyun.ecs20140526.models.DescribeNetworkInterfacesResponseBody;
import com.aliyun.ecs20140526.models.DetachNetworkInterfaceRequest;
import com.aliyun.tea.TeaModel;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.ExtendsParameters;
import com.aliyun.teautil.models.RuntimeOptions;
import com.aliyun.vpc20160428.models.DescribeVSwitchesRequest;
import com.aliyun.vpc20160428.models.DescribeVSwitchesResponseBody;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Lists;
import dev.terway4j.cloud.aliyun.internal.AliyunErrorTranslator;
import dev.terway4j.cloud.aliyun.internal.AliyunModels;
import dev.terway4j.cloud.aliyun.internal.BoundedReplies;
import dev.terway4j.cloud.aliyun.internal.LearningCredentialsProvider;
import dev.terway4j.cloud.aliyun.internal.SecretRedactor;
import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudErrors;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.InvalidArgumentException;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfacePage;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.ResourceIds;
import dev.terway4j.cloud.spi.VSwitch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CloudProvider} over Alibaba Cloud's ECS ({@code ecs20140526}) and VPC ({@code
 * vpc20160428}) Java SDKs, registered as {@code aliyun}.
 *
 * <p>Operations and the API actions they call:
 *
 * <table>
 *   <caption>SPI operation to API action</caption>
 *   <tr><th>operation</th><th>action</th><th>parameters sent</th></tr>
 *   <tr><td>{@link #describeInstanceTypes}</td><td>ECS {@code DescribeInstanceTypes}</td>
 *       <td>{@code InstanceTypes.N} (10 per request), {@code MaxResults=100}, {@code NextToken}</td></tr>
 *   <tr><td>{@link #describeVSwitch}</td><td>VPC {@code DescribeVSwitches}</td>
 *       <td>{@code RegionId}, {@code VSwitchId}, {@code PageNumber}, {@code PageSize=50}</td></tr>
 *   <tr><td>{@link #createNetworkInterface}</td><td>ECS {@code CreateNetworkInterface}, then
 *       {@code DescribeNetworkInterfaces} of the new ENI</td>
 *       <td>{@code RegionId}, {@code VSwitchId}, {@code SecurityGroupIds.N}, {@code InstanceType}
 *       ({@code Secondary}|{@code Trunk}), {@code Ipv6AddressCount}, {@code Tag.N.Key/Value},
 *       {@code DeleteOnRelease}, {@code Description}, {@code ResourceGroupId}, {@code ClientToken}, and {@code
 *       SourceDestCheck} as an extra signed query parameter (the 5.3.0 model lacks it)</td></tr>
 *   <tr><td>{@link #attachNetworkInterface}</td><td>ECS {@code AttachNetworkInterface}</td>
 *       <td>{@code RegionId}, {@code InstanceId}, {@code NetworkInterfaceId}, {@code
 *       TrunkNetworkInstanceId} for a member</td></tr>
 *   <tr><td>{@link #detachNetworkInterface}</td><td>ECS {@code DetachNetworkInterface}</td>
 *       <td>the same as attach</td></tr>
 *   <tr><td>{@link #deleteNetworkInterface}</td><td>ECS {@code DeleteNetworkInterface}</td>
 *       <td>{@code RegionId}, {@code NetworkInterfaceId}</td></tr>
 *   <tr><td>{@link #describeNetworkInterfaces}</td><td>ECS {@code DescribeNetworkInterfaces}</td>
 *       <td>{@code RegionId}, {@code NetworkInterfaceId.N}, {@code VpcId}, {@code VSwitchId},
 *       {@code InstanceId}, {@code Type}, {@code Status}, {@code Tag.N.Key/Value}, {@code
 *       MaxResults}, {@code NextToken}</td></tr>
 * </table>
 *
 * <p>Every id is checked against its prefix before a request is built. Every call is exactly one
 * request (the SDK's own retries are off; callers own retries and backoff), except {@link
 * #createNetworkInterface}, which describes the new ENI to return it complete (creation time,
 * SourceDestCheck) and falls back on the create reply if that fails, and the describe operations
 * that page. A create without a client token gets a random one, so a transport-level re-send can
 * never create two ENIs. Errors are translated by one class into the SPI's portable exceptions: see
 * {@link CloudProvider} and docs/aliyun-wire.md, "Errors".
 *
 * <p>{@code InvalidEniId.NotFound} on detach and delete is reported as {@link
 * dev.terway4j.cloud.spi.NotFoundException}, as the SPI requires; callers that detach or delete to
 * clean up treat it as success, as Terway does.
 *
 * <p><b>Thread safety:</b> thread-safe. One instance holds one ECS and one VPC SDK client, which
 * are thread-safe, and is meant to be shared by every thread. {@link #close()} releases nothing:
 * the SDK keeps its HTTP connection pools in a static cache.
 */
public final class AliyunCloudProvider implements CloudProvider {
  private static final Logger log = LoggerFactory.getLogger(AliyunCloudProvider.class);

  /** The API actions this provider calls, as RAM policy actions. */
  public static final Set<String> RAM_ACTIONS =
      Set.of(
          "ecs:DescribeInstanceTypes",
          "ecs:CreateNetworkInterface",
          "ecs:AttachNetworkInterface",
          "ecs:DetachNetworkInterface",
          "ecs:DeleteNetworkInterface",
          "ecs:DescribeNetworkInterfaces",
          "vpc:DescribeVSwitches");

  private static final String ECS_VERSION = "2014-05-26";
  private static final String USER_AGENT = "terway4j";
  private static final int INSTANCE_TYPES_PER_REQUEST = 10;
  private static final long INSTANCE_TYPES_PAGE = 100;
  private static final int VSWITCH_PAGE = 50;
  private static final int MAX_PAGES = 1000;

  private final AliyunCloudConfig config;
  private final com.aliyun.ecs20140526.Client ecs;
  private final com.aliyun.vpc20160428.Client vpc;
  private final SecretRedactor redactor;
  private final AliyunErrorTranslator errors;
  private final BoundedReplies.Limits replyLimits;
  private final Clock clock;

  private AliyunCloudProvider(AliyunCloudConfig config) {
    this.config = config;
    AliyunCredentials credentials = config.credentials();
    // One redactor per provider: it learns the static credentials now, and those of a provider or
    // the default chain whenever the SDK fetches them (LearningCredentialsProvider).
    this.redactor = new SecretRedactor();
    credentials.accessKeyId().ifPresent(redactor::register);
    credentials.accessKeySecret().ifPresent(redactor::register);
    credentials.securityToken().ifPresent(redactor::register);
    this.errors = new AliyunErrorTranslator(redactor);
    this.replyLimits = new BoundedReplies.Limits(config.maxReplyBytes(), config.maxReplyDepth());
    this.clock = Clock.systemUTC();
    try {
      this.ecs =
          new com.aliyun.ecs20140526.Client(sdkConfig(config, config.ecsEndpoint(), redactor));
      this.vpc =
          new com.aliyun.vpc20160428.Client(sdkConfig(config, config.vpcEndpoint(), redactor));
    } catch (Exception e) {
      // The SDK's constructors only check the configuration, which was checked already.
      throw new IllegalArgumentException(
          "the Aliyun SDK refused the configuration " + config + ": " + errors.clean(e.toString()));
    }
    BoundedReplies.install(ecs);
  }

  /**
   * Creates a provider. Nothing is sent until the first call.
   *
   * @param config the settings, already checked
   * @return the provider
   */
  public static AliyunCloudProvider create(AliyunCloudConfig config) {
    return new AliyunCloudProvider(checkNotNull(config, "config"));
  }

  /**
   * Returns the settings this provider was created with.
   *
   * @return the configuration
   */
  public AliyunCloudConfig config() {
    return config;
  }

  @Override
  public String regionId() {
    return config.regionId();
  }

  @Override
  public List<InstanceType> describeInstanceTypes(Collection<String> instanceTypeIds) {
    checkNotNull(instanceTypeIds, "instanceTypeIds");
    Set<String> wanted = new LinkedHashSet<>();
    for (String id : instanceTypeIds) {
      checkNotNull(id, "instanceTypeIds contains null");
      if (id.isBlank()) {
        throw InvalidArgumentException.local("blank instance type id in %s", instanceTypeIds);
      }
      wanted.add(id);
    }
    if (wanted.isEmpty()) {
      throw InvalidArgumentException.local("instanceTypeIds is empty");
    }
    Map<String, InstanceType> found = new LinkedHashMap<>();
    for (List<String> chunk : Lists.partition(List.copyOf(wanted), INSTANCE_TYPES_PER_REQUEST)) {
      String token = null;
      for (int page = 0; page < MAX_PAGES; page++) {
        DescribeInstanceTypesRequest request =
            new DescribeInstanceTypesRequest()
                .setInstanceTypes(chunk)
                .setMaxResults(INSTANCE_TYPES_PAGE)
                .setNextToken(token);
        DescribeInstanceTypesResponseBody body =
            call(
                    CloudOperation.DESCRIBE_INSTANCE_TYPES,
                    false,
                    rt -> ecs.describeInstanceTypesWithOptions(request, rt))
                .getBody();
        if (body != null
            && body.getInstanceTypes() != null
            && body.getInstanceTypes().getInstanceType() != null) {
          body.getInstanceTypes().getInstanceType().stream()
              .filter(t -> t.getInstanceTypeId() != null && wanted.contains(t.getInstanceTypeId()))
              .forEach(
                  t ->
                      found.put(
                          t.getInstanceTypeId(),
                          fromReply(
                              CloudOperation.DESCRIBE_INSTANCE_TYPES,
                              () -> AliyunModels.instanceType(t))));
        }
        token = body == null ? null : body.getNextToken();
        if (token == null || token.isEmpty()) {
          break;
        }
      }
    }
    return ImmutableList.copyOf(found.values());
  }

  @Override
  public VSwitch describeVSwitch(String vSwitchId) {
    ResourceIds.checkVSwitchId(vSwitchId);
    String requestId = null;
    for (int page = 1; page <= MAX_PAGES; page++) {
      DescribeVSwitchesRequest request =
          new DescribeVSwitchesRequest()
              .setRegionId(config.regionId())
              .setVSwitchId(vSwitchId)
              .setPageNumber(page)
              .setPageSize(VSWITCH_PAGE);
      DescribeVSwitchesResponseBody body =
          call(
                  CloudOperation.DESCRIBE_VSWITCHES,
                  false,
                  rt -> vpc.describeVSwitchesWithOptions(request, rt))
              .getBody();
      if (body == null || body.getVSwitches() == null || body.getVSwitches().getVSwitch() == null) {
        requestId = body == null ? null : body.getRequestId();
        break;
      }
      requestId = body.getRequestId();
      var vSwitches = body.getVSwitches().getVSwitch();
      for (var vsw : vSwitches) {
        if (vSwitchId.equals(vsw.getVSwitchId())) {
          return fromReply(CloudOperation.DESCRIBE_VSWITCHES, () -> AliyunModels.vSwitch(vsw));
        }
      }
      int total = body.getTotalCount() == null ? 0 : body.getTotalCount();
      if (vSwitches.isEmpty() || page * VSWITCH_PAGE >= total) {
        break;
      }
    }
    // DescribeVSwitches answers an unknown id with an empty list; Terway treats that as not found.
    throw CloudErrors.fromService(
        CloudErrorCodes.VSWITCH_NOT_FOUND,
        404,
        requestId == null ? null : errors.clean(requestId),
        "DescribeVSwitches: the specified vSwitch does not exist: " + vSwitchId,
        null);
  }

  @Override
  public NetworkInterface createNetworkInterface(CreateNetworkInterfaceRequest request) {
    checkNotNull(request, "request");
    String token = request.clientToken().orElseGet(() -> "terway4j-" + UUID.randomUUID());
    var sdk =
        new com.aliyun.ecs20140526.models.CreateNetworkInterfaceRequest()
            .setRegionId(config.regionId())
            .setVSwitchId(request.vSwitchId())
            .setSecurityGroupIds(request.securityGroupIds())
            .setInstanceType(request.type().apiName())
            .setDeleteOnRelease(request.deleteOnRelease())
            .setClientToken(token);
    if (request.ipv6AddressCount() > 0) {
      sdk.setIpv6AddressCount(request.ipv6AddressCount());
    }
    request.description().ifPresent(sdk::setDescription);
    request.resourceGroupId().ifPresent(sdk::setResourceGroupId);
    if (!request.tags().isEmpty()) {
      List<
              com.aliyun.ecs20140526.models.CreateNetworkInterfaceRequest
                  .CreateNetworkInterfaceRequestTag>
          tags = new ArrayList<>();
      request
          .tags()
          .forEach(
              (k, v) ->
                  tags.add(
                      new com.aliyun.ecs20140526.models.CreateNetworkInterfaceRequest
                              .CreateNetworkInterfaceRequestTag()
                          .setKey(k)
                          .setValue(v)));
      sdk.setTag(tags);
    }
    CreateNetworkInterfaceResponse response =
        call(
            CloudOperation.CREATE_NETWORK_INTERFACE,
            false,
            rt -> {
              // SourceDestCheck is missing from the 5.3.0 model; it travels as a signed query.
              rt.setExtendsParameters(
                  new ExtendsParameters()
                      .setQueries(
                          Map.of("SourceDestCheck", String.valueOf(request.sourceDestCheck()))));
              return ecs.createNetworkInterfaceWithOptions(sdk, rt);
            });
    var body = response.getBody();
    String id = body == null ? null : body.getNetworkInterfaceId();
    if (id == null || !id.startsWith(ResourceIds.NETWORK_INTERFACE_PREFIX)) {
      throw new CloudClientException(
          "CreateNetworkInterface: the reply names no ENI (client token " + token + ")",
          null,
          true);
    }
    try {
      Optional<NetworkInterface> described = describeNetworkInterface(id);
      if (described.isPresent()) {
        return described.get();
      }
    } catch (CloudException e) {
      log.debug(
          "describing new ENI {} failed; answering from the create reply: {}",
          errors.clean(id),
          errors.clean(e.toString()));
    }
    return fromReply(
        CloudOperation.CREATE_NETWORK_INTERFACE,
        () -> AliyunModels.created(body, request, clock.instant()));
  }

  @Override
  public void attachNetworkInterface(NetworkInterfaceAttachment attachment) {
    checkNotNull(attachment, "attachment");
    AttachNetworkInterfaceRequest request =
        new AttachNetworkInterfaceRequest()
            .setRegionId(config.regionId())
            .setInstanceId(attachment.instanceId())
            .setNetworkInterfaceId(attachment.networkInterfaceId());
    attachment.trunkNetworkInterfaceId().ifPresent(request::setTrunkNetworkInstanceId);
    call(
        CloudOperation.ATTACH_NETWORK_INTERFACE,
        attachment.trunkNetworkInterfaceId().isPresent(),
        rt -> ecs.attachNetworkInterfaceWithOptions(request, rt));
  }

  @Override
  public void detachNetworkInterface(NetworkInterfaceAttachment attachment) {
    checkNotNull(attachment, "attachment");
    DetachNetworkInterfaceRequest request =
        new DetachNetworkInterfaceRequest()
            .setRegionId(config.regionId())
            .setInstanceId(attachment.instanceId())
            .setNetworkInterfaceId(attachment.networkInterfaceId());
    attachment.trunkNetworkInterfaceId().ifPresent(request::setTrunkNetworkInstanceId);
    call(
        CloudOperation.DETACH_NETWORK_INTERFACE,
        false,
        rt -> ecs.detachNetworkInterfaceWithOptions(request, rt));
  }

  @Override
  public void deleteNetworkInterface(String networkInterfaceId) {
    ResourceIds.checkNetworkInterfaceId(networkInterfaceId);
    DeleteNetworkInterfaceRequest request =
        new DeleteNetworkInterfaceRequest()
            .setRegionId(config.regionId())
            .setNetworkInterfaceId(networkInterfaceId);
    call(
        CloudOperation.DELETE_NETWORK_INTERFACE,
        false,
        rt -> ecs.deleteNetworkInterfaceWithOptions(request, rt));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Sent through the SDK's generic {@code callApi} with the same wire format as its typed
   * method, so that fields the 5.3.0 models lack ({@code SourceDestCheck}) can be read from the raw
   * reply. An ENI whose status or type this SPI does not know is left out, with a warning.
   */
  @Override
  public NetworkInterfacePage describeNetworkInterfaces(NetworkInterfaceQuery query) {
    checkNotNull(query, "query");
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("RegionId", config.regionId());
    if (!query.networkInterfaceIds().isEmpty()) {
      parameters.put("NetworkInterfaceId", List.copyOf(query.networkInterfaceIds()));
    }
    query.vpcId().ifPresent(v -> parameters.put("VpcId", v));
    query.vSwitchId().ifPresent(v -> parameters.put("VSwitchId", v));
    query.instanceId().ifPresent(v -> parameters.put("InstanceId", v));
    query.type().ifPresent(v -> parameters.put("Type", v.apiName()));
    query.status().ifPresent(v -> parameters.put("Status", v.apiName()));
    if (!query.tags().isEmpty()) {
      List<Map<String, String>> tags = new ArrayList<>();
      query.tags().forEach((k, v) -> tags.add(Map.of("Key", k, "Value", v)));
      parameters.put("Tag", tags);
    }
    parameters.put("MaxResults", query.maxResults());
    query.nextToken().ifPresent(v -> parameters.put("NextToken", v));
    Params params =
        new Params()
            .setAction("DescribeNetworkInterfaces")
            .setVersion(ECS_VERSION)
            .setProtocol("HTTPS")
            .setPathname("/")
            .setMethod("POST")
            .setAuthType("AK")
            .setStyle("RPC")
            .setReqBodyType("formData")
            .setBodyType("json");
    Map<String, ?> reply =
        call(
            CloudOperation.DESCRIBE_NETWORK_INTERFACES,
            false,
            rt -> {
              // Flattened as the typed method does: NetworkInterfaceId.N, Tag.N.Key/Value.
              OpenApiRequest request =
                  new OpenApiRequest().setQuery(com.aliyun.openapiutil.Client.query(parameters));
              return ecs.callApi(params, request, rt);
            });
    @SuppressWarnings("unchecked")
    Map<String, Object> rawBody =
        reply.get("body") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    DescribeNetworkInterfacesResponseBody body;
    try {
      body = TeaModel.toModel(rawBody, new DescribeNetworkInterfacesResponseBody());
    } catch (Exception e) {
      throw errors.translate(e, CloudOperation.DESCRIBE_NETWORK_INTERFACES, false);
    }
    List<NetworkInterface> enis = new ArrayList<>();
    if (body.getNetworkInterfaceSets() != null
        && body.getNetworkInterfaceSets().getNetworkInterfaceSet() != null) {
      var items = body.getNetworkInterfaceSets().getNetworkInterfaceSet();
      List<?> rawItems = rawItems(rawBody);
      for (int i = 0; i < items.size(); i++) {
        Map<String, ?> raw =
            i < rawItems.size() && rawItems.get(i) instanceof Map<?, ?> r ? castMap(r) : Map.of();
        try {
          enis.add(AliyunModels.networkInterface(items.get(i), raw));
        } catch (RuntimeException e) {
          log.warn(
              "leaving out ENI {} that this SPI cannot represent: {}",
              errors.clean(items.get(i).getNetworkInterfaceId()),
              errors.clean(e.getMessage()));
        }
      }
    }
    String next = body.getNextToken();
    return new NetworkInterfacePage(
        enis, next == null || next.isEmpty() ? Optional.empty() : Optional.of(next));
  }

  /** Returns the region and endpoints; never credentials. */
  @Override
  public String toString() {
    return "AliyunCloudProvider[" + config + "]";
  }

  private static List<?> rawItems(Map<String, Object> body) {
    if (body.get("NetworkInterfaceSets") instanceof Map<?, ?> sets
        && sets.get("NetworkInterfaceSet") instanceof List<?> list) {
      return list;
    }
    return List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> castMap(Map<?, ?> map) {
    return (Map<String, ?>) map;
  }

  /**
   * Converts (part of) a reply into an SPI value: a value the SPI refuses is the server's fault, a
   * {@link CloudClientException} whose message passes through the redactor like every other.
   */
  private <T> T fromReply(CloudOperation operation, java.util.function.Supplier<T> conversion) {
    try {
      return conversion.get();
    } catch (CloudException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CloudClientException(
          operation.apiName()
              + " got a reply this SPI cannot represent: "
              + errors.clean(e.getMessage()),
          null,
          // A created ENI exists whatever its reply says.
          operation == CloudOperation.CREATE_NETWORK_INTERFACE,
          false);
    }
  }

  /** One SDK call; its checked {@code throws Exception} is the SDK's style. */
  @FunctionalInterface
  private interface SdkCall<T> {
    T run(RuntimeOptions runtime) throws Exception;
  }

  private <T> T call(CloudOperation operation, boolean memberAttach, SdkCall<T> sdkCall) {
    RuntimeOptions runtime =
        new RuntimeOptions()
            .setAutoretry(false)
            .setMaxAttempts(0)
            .setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()))
            .setReadTimeout(Math.toIntExact(config.readTimeout().toMillis()));
    try {
      return BoundedReplies.within(replyLimits, () -> sdkCall.run(runtime));
    } catch (Exception e) {
      CloudException translated = errors.translate(e, operation, memberAttach);
      log.debug("{} failed: {}", operation.apiName(), escaped(translated.getMessage()));
      throw translated;
    }
  }

  private static com.aliyun.teaopenapi.models.Config sdkConfig(
      AliyunCloudConfig config, String endpoint, SecretRedactor redactor) {
    com.aliyun.teaopenapi.models.Config sdk =
        new com.aliyun.teaopenapi.models.Config()
            .setRegionId(config.regionId())
            .setEndpoint(endpoint)
            .setProtocol(config.protocol().name())
            .setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()))
            .setReadTimeout(Math.toIntExact(config.readTimeout().toMillis()))
            .setUserAgent(USER_AGENT);
    AliyunCredentials credentials = config.credentials();
    switch (credentials.kind()) {
      case ACCESS_KEY, STS_TOKEN -> {
        sdk.setAccessKeyId(credentials.accessKeyId().orElseThrow())
            .setAccessKeySecret(credentials.accessKeySecret().orElseThrow());
        credentials.securityToken().ifPresent(sdk::setSecurityToken);
      }
      case PROVIDER ->
          sdk.setCredential(
              new com.aliyun.credentials.Client(
                  new LearningCredentialsProvider(credentials.provider().orElseThrow(), redactor)));
      case DEFAULT_CHAIN ->
          // What new com.aliyun.credentials.Client() does, with the values learned on the way.
          sdk.setCredential(
              new com.aliyun.credentials.Client(
                  new LearningCredentialsProvider(new DefaultCredentialsProvider(), redactor)));
      default -> throw new IllegalStateException("unknown credentials kind " + credentials.kind());
    }
    return sdk;
  }
}

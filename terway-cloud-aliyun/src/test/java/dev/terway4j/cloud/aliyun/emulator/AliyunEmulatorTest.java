package dev.terway4j.cloud.aliyun.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyun.ecs20140526.models.DescribeNetworkInterfacesRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's own checks, driven by the raw SDK clients. */
class AliyunEmulatorTest {
  private AliyunEmulator emulator;

  @BeforeEach
  void start() {
    emulator =
        AliyunEmulator.builder()
            .cloud(FakeCloudProvider.builder().build())
            .accessKey("ak", "sk")
            .start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private Config config() {
    return new Config()
        .setAccessKeyId("ak")
        .setAccessKeySecret("sk")
        .setRegionId("cn-hangzhou")
        .setEndpoint(emulator.endpoint())
        .setProtocol("HTTP");
  }

  @Test
  void signedRequest_isAnsweredWithSdkShapedJson() throws Exception {
    var client = new com.aliyun.ecs20140526.Client(config());
    var body =
        client
            .describeNetworkInterfaces(
                new DescribeNetworkInterfacesRequest().setRegionId("cn-hangzhou"))
            .getBody();
    assertEquals("", body.getNextToken());
    assertEquals(0, body.getNetworkInterfaceSets().getNetworkInterfaceSet().size());
    assertEquals(true, emulator.requests().get(0).signatureValid());
  }

  @Test
  void legacyRpcSignature_isRejectedAsAnUnknownAccessKey() throws Exception {
    var client = new com.aliyun.ecs20140526.Client(config().setSignatureAlgorithm("v2"));
    TeaException e =
        assertThrows(
            TeaException.class,
            () ->
                client.describeNetworkInterfaces(
                    new DescribeNetworkInterfacesRequest().setRegionId("cn-hangzhou")));
    assertEquals("InvalidAccessKeyId.NotFound", e.getCode());
    assertEquals(404, e.getStatusCode());
  }

  @Test
  void wrongSecret_isSignatureDoesNotMatch() throws Exception {
    var client = new com.aliyun.vpc20160428.Client(config().setAccessKeySecret("other"));
    TeaException e =
        assertThrows(
            TeaException.class,
            () ->
                client.describeVSwitches(
                    new com.aliyun.vpc20160428.models.DescribeVSwitchesRequest()
                        .setRegionId("cn-hangzhou")));
    assertEquals("SignatureDoesNotMatch", e.getCode());
    assertFalse(emulator.requests().get(0).signatureValid());
  }

  @Test
  void ecsActionWithVpcVersion_isInvalidVersion() throws Exception {
    var client = new com.aliyun.ecs20140526.Client(config());
    Params params =
        new Params()
            .setAction("DescribeNetworkInterfaces")
            .setVersion(AliyunEmulator.VPC_VERSION)
            .setProtocol("HTTP")
            .setPathname("/")
            .setMethod("POST")
            .setAuthType("AK")
            .setStyle("RPC")
            .setReqBodyType("formData")
            .setBodyType("json");
    TeaException e =
        assertThrows(
            TeaException.class,
            () ->
                client.callApi(
                    params,
                    new OpenApiRequest().setQuery(Map.of("RegionId", "cn-hangzhou")),
                    new RuntimeOptions()));
    assertEquals("InvalidVersion", e.getCode());
    assertEquals(400, e.getStatusCode());
  }
}

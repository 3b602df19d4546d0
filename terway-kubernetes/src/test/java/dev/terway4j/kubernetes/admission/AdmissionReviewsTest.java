package dev.terway4j.kubernetes.admission;

import static dev.terway4j.kubernetes.admission.AdmissionFixtures.LOOKUPS;
import static dev.terway4j.kubernetes.admission.AdmissionFixtures.podNetworking;
import static dev.terway4j.kubernetes.admission.AdmissionFixtures.podNetworkingReview;
import static dev.terway4j.kubernetes.admission.AdmissionFixtures.podReview;
import static dev.terway4j.kubernetes.admission.AdmissionFixtures.review;
import static dev.terway4j.kubernetes.admission.AdmissionFixtures.webPod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terway4j.model.ManifestValidator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AdmissionReviews}: the webhooks' answers, without HTTP (issue 15 item 3). */
class AdmissionReviewsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode response(String review) throws Exception {
    JsonNode tree = JSON.readTree(review);
    assertEquals("admission.k8s.io/v1", tree.path("apiVersion").asText());
    assertEquals("AdmissionReview", tree.path("kind").asText());
    return tree.path("response");
  }

  @Test
  void mutatePod_matchedPod_isAllowedWithTheJsonPatchOfTerwaysWebhook() throws Exception {
    JsonNode response =
        response(
            AdmissionReviews.mutatePod(
                podReview("u-1", "CREATE", "apps", webPod("web-0")), LOOKUPS));

    assertEquals("u-1", response.path("uid").asText());
    assertTrue(response.path("allowed").asBoolean());
    assertEquals("JSONPatch", response.path("patchType").asText());
    String patch =
        new String(
            Base64.getDecoder().decode(response.path("patch").asText()), StandardCharsets.UTF_8);
    assertTrue(patch.contains("\"k8s.aliyun.com/pod-networking\":\"web\""), patch);
    assertTrue(patch.contains("aliyun/member-eni"), patch);
    assertTrue(patch.contains("cn-hangzhou-h"), patch);
  }

  @Test
  void mutatePod_unmatchedPod_isAllowedUnchanged() throws Exception {
    String pod = webPod("cache-0").replace("'app':'web'", "'app':'cache'");
    JsonNode response =
        response(AdmissionReviews.mutatePod(podReview("u-2", "CREATE", "apps", pod), LOOKUPS));
    assertTrue(response.path("allowed").asBoolean());
    assertTrue(response.path("patch").isMissingNode(), response.toString());
  }

  @Test
  void mutatePod_podWithConflictingAnnotations_isDeniedWithTheReason() throws Exception {
    String pod =
        webPod("web-1")
            .replace(
                "'labels'",
                "'annotations':{'k8s.aliyun.com/pod-networking':'web',"
                    + "'k8s.aliyun.com/pod-networks':'{}'},'labels'");
    JsonNode response =
        response(AdmissionReviews.mutatePod(podReview("u-3", "CREATE", "apps", pod), LOOKUPS));
    assertFalse(response.path("allowed").asBoolean());
    assertEquals(403, response.path("status").path("code").asInt());
    assertTrue(
        response.path("status").path("message").asText().contains("mutually exclusive"),
        response.toString());
  }

  @Test
  void mutatePod_otherOperations_areAllowedAsTheyAre() throws Exception {
    for (String operation : List.of("UPDATE", "DELETE", "CONNECT")) {
      JsonNode response =
          response(
              AdmissionReviews.mutatePod(
                  podReview("u-4", operation, "apps", webPod("web-0")), LOOKUPS));
      assertTrue(response.path("allowed").asBoolean(), operation);
      assertTrue(response.path("patch").isMissingNode(), operation);
    }
  }

  @Test
  void mutatePod_inANamespaceNotKnownYet_isNotAnswered_soTheFailurePolicyApplies() {
    AdmissionRequestException e =
        assertThrows(
            AdmissionRequestException.class,
            () ->
                AdmissionReviews.mutatePod(
                    podReview("u-5", "CREATE", "new-ns", webPod("web-0").replace("apps", "new-ns")),
                    LOOKUPS));
    assertEquals(503, e.httpStatus());
  }

  @Test
  void malformedReviews_areRefusedWith400_namingTheProblem() {
    List<byte[]> bad =
        List.of(
            "not json".getBytes(StandardCharsets.UTF_8),
            "[]".getBytes(StandardCharsets.UTF_8),
            "{}".getBytes(StandardCharsets.UTF_8),
            "{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\"}"
                .getBytes(StandardCharsets.UTF_8),
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}"
                .getBytes(StandardCharsets.UTF_8),
            podReview("", "CREATE", "apps", webPod("web-0")),
            podReview("u\\u001b]0;x", "CREATE", "apps", webPod("web-0")),
            review("u-6", "CREATE", "apps", "apps", "v1", "Deployment", "{}"),
            ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
    for (byte[] body : bad) {
      AdmissionRequestException e =
          assertThrows(
              AdmissionRequestException.class, () -> AdmissionReviews.mutatePod(body, LOOKUPS));
      assertEquals(400, e.httpStatus(), e.getMessage());
      assertFalse(e.getMessage().contains("\u001b"), "control characters escaped");
      assertTrue(e.getMessage().length() < 1_000, e.getMessage());
    }
  }

  @Test
  void validatePodNetworking_reportsEveryErrorWithItsPath_onCreateAndUpdate() throws Exception {
    String invalid =
        podNetworking(
            "{'allocationType':{'type':'Fixed','releaseStrategy':'TTL','releaseAfter':'4m'},"
                + "'securityGroupIDs':['sg-1','sg-2','sg-3','sg-4','sg-5','sg-6'],"
                + "'vSwitchOptions':[]}");
    for (String operation : List.of("CREATE", "UPDATE")) {
      JsonNode response =
          response(
              AdmissionReviews.validatePodNetworking(
                  podNetworkingReview("u-7", operation, invalid), ManifestValidator.defaults()));
      assertFalse(response.path("allowed").asBoolean(), operation);
      String message = response.path("status").path("message").asText();
      assertTrue(message.contains("spec.allocationType.releaseAfter"), message);
      assertTrue(message.contains("spec.securityGroupIDs"), message);
      assertTrue(message.contains("spec.vSwitchOptions"), message);
    }
  }

  @Test
  void validatePodNetworking_validObject_isAllowed_andDeletesAreNotChecked() throws Exception {
    String valid =
        podNetworking(
            "{'selector':{'podSelector':{'matchLabels':{'app':'db'}}},"
                + "'securityGroupIDs':['sg-1'],'vSwitchOptions':['vsw-a']}");
    assertTrue(
        response(
                AdmissionReviews.validatePodNetworking(
                    podNetworkingReview("u-8", "CREATE", valid), ManifestValidator.defaults()))
            .path("allowed")
            .asBoolean());
    assertTrue(
        response(
                AdmissionReviews.validatePodNetworking(
                    podNetworkingReview("u-9", "DELETE", "null"), ManifestValidator.defaults()))
            .path("allowed")
            .asBoolean());
  }

  @Test
  void validatePodNetworking_refusesAPodReview() {
    AdmissionRequestException e =
        assertThrows(
            AdmissionRequestException.class,
            () ->
                AdmissionReviews.validatePodNetworking(
                    podReview("u-10", "CREATE", "apps", webPod("web-0")),
                    ManifestValidator.defaults()));
    assertEquals(400, e.httpStatus());
  }
}

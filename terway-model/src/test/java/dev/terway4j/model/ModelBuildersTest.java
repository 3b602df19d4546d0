package dev.terway4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Embedding without generated types (issue 14 item 7): every model value has {@code builder()}, and
 * a whole PodNetworking can be built from the public interfaces alone.
 */
class ModelBuildersTest {
  @Test
  void everyImmutableModelType_hasAStaticBuilder() throws Exception {
    List<String> missing = new ArrayList<>();
    List<Class<?>> types = modelValueTypes();
    assertTrue(types.size() >= 25, "found the model types: " + types);
    for (Class<?> type : types) {
      Method builder;
      try {
        builder = type.getMethod("builder");
      } catch (NoSuchMethodException e) {
        missing.add(type.getSimpleName());
        continue;
      }
      assertTrue(Modifier.isStatic(builder.getModifiers()), type + ".builder() is static");
      assertNotNull(builder.invoke(null), type + ".builder()");
    }
    assertEquals(List.of(), missing, "model types without builder()");
  }

  @Test
  void aPodNetworking_isBuiltFromThePublicInterfacesAlone() {
    PodNetworking podNetworking =
        PodNetworking.builder()
            .metadata(ObjectMeta.builder().name("db").build())
            .spec(
                PodNetworkingSpec.builder()
                    .allocationType(
                        AllocationType.builder()
                            .type(IpAllocationType.FIXED)
                            .releaseStrategy(ReleaseStrategy.TTL)
                            .releaseAfter("10m")
                            .build())
                    .selector(
                        PodNetworkingSelector.builder()
                            .podSelector(
                                LabelSelector.builder()
                                    .addMatchExpressions(
                                        LabelSelectorRequirement.builder()
                                            .key("app")
                                            .operator(LabelSelectorOperator.IN)
                                            .addValues("db")
                                            .build())
                                    .build())
                            .build())
                    .addVSwitchOptions("vsw-a")
                    .addSecurityGroupIDs("sg-a")
                    .vSwitchSelectOptions(
                        VSwitchSelectOptions.builder()
                            .vSwitchSelectionPolicy(VSwitchSelectionPolicy.MOST)
                            .build())
                    .build())
            .build();

    PodNetworking read = Manifests.readOne(Manifests.toYaml(podNetworking), PodNetworking.class);
    assertEquals(podNetworking, read);
    assertTrue(ManifestValidator.defaults().validate(podNetworking).valid());
  }

  @Test
  void initialPhase_printsReadably_butKeepsItsEmptyWireValue() {
    assertEquals("Initial", PodEniPhase.INITIAL.toString());
    assertEquals("", PodEniPhase.INITIAL.wireValue());
    assertEquals("Bind", PodEniPhase.BIND.toString());
  }

  /**
   * Every interface of the model package annotated {@code @Value.Immutable}, from the classpath.
   */
  private static List<Class<?>> modelValueTypes() throws IOException, ClassNotFoundException {
    URL url = PodNetworking.class.getResource("PodNetworking.class");
    assertNotNull(url);
    List<Class<?>> types = new ArrayList<>();
    Path dir;
    try {
      dir = Path.of(url.toURI()).getParent();
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.contains("$") || name.startsWith("Immutable")) {
          continue;
        }
        Class<?> type =
            Class.forName(PodNetworking.class.getPackageName() + "." + name.replace(".class", ""));
        if (type.isInterface() && hasImmutableCompanion(type)) {
          types.add(type);
        }
      }
    }
    return types;
  }

  private static boolean hasImmutableCompanion(Class<?> type) {
    try (InputStream in = type.getResourceAsStream("Immutable" + type.getSimpleName() + ".class")) {
      return in != null;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void readAll_returnsEveryObjectOfTheType_issue14item6() {
    PodNetworking web = podNetworking("web");
    PodNetworking db = podNetworking("db");

    List<PodNetworking> read =
        Manifests.readAll(Manifests.toYaml(List.of(web, db)), PodNetworking.class);

    assertEquals(List.of(web, db), read);
    assertEquals(List.of(), Manifests.readAll("", PodNetworking.class));
  }

  @Test
  void readAll_namesEveryDocumentOfAnotherKind_issue14item6() {
    String text =
        Manifests.toYaml(List.of(podNetworking("web")))
            + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n"
            + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: db}\n";
    ManifestException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ManifestException.class, () -> Manifests.readAll(text, PodNetworking.class));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertEquals(1, e.problems().get(0).documentIndex());
    assertEquals(2, e.problems().get(1).documentIndex());
    assertTrue(e.getMessage().contains("expected a PodNetworking but found a Namespace"));
  }

  private static PodNetworking podNetworking(String name) {
    return PodNetworking.builder()
        .metadata(ObjectMeta.builder().name(name).build())
        .spec(
            PodNetworkingSpec.builder()
                .addVSwitchOptions("vsw-a")
                .addSecurityGroupIDs("sg-a")
                .build())
        .build();
  }
}

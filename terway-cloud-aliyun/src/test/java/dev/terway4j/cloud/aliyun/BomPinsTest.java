package dev.terway4j.cloud.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.tea.TeaModel;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableSortedMap;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * terway-bom pins every library this module's tests ran with, at the version they ran with: the
 * jars of the test classpath (what Maven resolved, found in the local repository's layout) against
 * the BOM's own {@code dependencyManagement}. A consumer importing only the BOM then resolves the
 * same versions, the Tea core among them, which the SDK itself declares as a version range.
 */
@DisplayName("terway-bom pins the tested versions (issue 13 item 16)")
class BomPinsTest {
  /** Test-scoped libraries of this module, which a consumer does not inherit. */
  private static final List<String> TEST_ONLY_GROUPS =
      List.of("org.junit", "org.opentest4j", "org.apiguardian", "dev.terway4j");

  private static final List<String> TEST_ONLY_ARTIFACTS = List.of("org.slf4j:slf4j-simple");

  @Test
  void everyRuntimeJarOfTheAliyunModule_isPinnedInTheBom_atTheVersionItWasTestedWith_issue13item16()
      throws Exception {
    Map<String, String> pinned = bomPins();
    Map<String, String> resolved = resolvedRuntimeArtifacts();
    assertTrue(resolved.containsKey("com.aliyun:tea"), () -> "the Tea core not found: " + resolved);
    assertTrue(resolved.size() >= 20, () -> "too few jars found to be the real tree: " + resolved);
    List<String> problems = new ArrayList<>();
    resolved.forEach(
        (artifact, version) -> {
          String pin = pinned.get(artifact);
          if (pin == null) {
            problems.add(artifact + ":" + version + " is not pinned");
          } else if (!pin.equals(version)) {
            problems.add(artifact + " is pinned at " + pin + " but was tested with " + version);
          }
        });
    assertEquals(List.of(), problems, "terway-bom/pom.xml");
  }

  @Test
  void theBomPinsEveryThirdPartyLibrary_toOneVersion_notARange_issue13item16() throws Exception {
    Map<String, String> pinned = bomPins();
    for (Map.Entry<String, String> pin : pinned.entrySet()) {
      if (pin.getKey().startsWith("dev.terway4j:")) {
        assertEquals("${project.version}", pin.getValue(), pin.getKey());
        continue;
      }
      assertTrue(
          pin.getValue().matches("[0-9A-Za-z][0-9A-Za-z.\\-]*"),
          () -> pin.getKey() + " is not pinned to one version: " + pin.getValue());
    }
    assertEquals("1.3.0", pinned.get("com.aliyun:tea"));
  }

  /** groupId:artifactId -> version of the BOM's dependencyManagement, imports left out. */
  private static Map<String, String> bomPins() throws Exception {
    Path bom = Path.of("..", "terway-bom", "pom.xml");
    assertTrue(Files.isRegularFile(bom), () -> "no BOM at " + bom.toAbsolutePath());
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setNamespaceAware(false);
    Document doc = factory.newDocumentBuilder().parse(bom.toFile());
    Element management = (Element) doc.getElementsByTagName("dependencyManagement").item(0);
    NodeList dependencies = management.getElementsByTagName("dependency");
    Map<String, String> pins = new TreeMap<>();
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (dependency.getParentNode() != management.getElementsByTagName("dependencies").item(0)) {
        continue; // an <exclusion> is not a <dependency>, but be safe about nesting
      }
      if ("import".equals(child(dependency, "scope"))) {
        continue;
      }
      pins.put(
          child(dependency, "groupId") + ":" + child(dependency, "artifactId"),
          child(dependency, "version"));
    }
    return pins;
  }

  private static String child(Element element, String name) {
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    return null;
  }

  /**
   * groupId:artifactId -> version of every jar on the test classpath that lies in the local Maven
   * repository, test-only libraries left out. The repository's root is found from the Tea core's
   * own jar, whose coordinates are known.
   */
  private static Map<String, String> resolvedRuntimeArtifacts() throws URISyntaxException {
    Path tea = Path.of(TeaModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    // <root>/com/aliyun/tea/<version>/tea-<version>.jar
    Path root = tea.getParent().getParent().getParent().getParent().getParent();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Map<String, String> artifacts = new TreeMap<>();
    for (String entry : Splitter.on(File.pathSeparatorChar).omitEmptyStrings().split(classpath)) {
      Path jar = Path.of(entry).toAbsolutePath().normalize();
      if (!jar.startsWith(root) || !jar.toString().endsWith(".jar")) {
        continue;
      }
      Path relative = root.relativize(jar);
      int n = relative.getNameCount();
      if (n < 4) {
        continue;
      }
      String version = relative.getName(n - 2).toString();
      String artifact = relative.getName(n - 3).toString();
      String group = relative.subpath(0, n - 3).toString().replace(File.separatorChar, '.');
      String key = group + ":" + artifact;
      if (TEST_ONLY_GROUPS.stream().anyMatch(g -> group.equals(g) || group.startsWith(g + "."))
          || TEST_ONLY_ARTIFACTS.contains(key)) {
        continue;
      }
      artifacts.put(key, version);
    }
    return ImmutableSortedMap.copyOf(artifacts);
  }
}

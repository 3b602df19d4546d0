package dev.terway4j.cloud.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudProvidersTest {
  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void factory_whenOneMatches_returnsIt() {
    assertInstanceOf(TestFactories.Single.class, CloudProviders.factory("single", loader));
  }

  @Test
  void load_whenNoneMatches_listsTheIdsFound() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> CloudProviders.load("aliyun", Map.of()));
    assertEquals(
        "no cloud provider with id 'aliyun'; found ids [dup, single]. Add the backend's jar (e.g."
            + " terway-cloud-aliyun) to the class path",
        e.getMessage());
  }

  @Test
  void load_whenSeveralMatch_namesEveryClass() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> CloudProviders.load("dup", Map.of()));
    assertTrue(e.getMessage().startsWith("2 cloud providers have id 'dup'"), e.getMessage());
    assertTrue(e.getMessage().contains("TestFactories$DuplicateA"), e.getMessage());
    assertTrue(e.getMessage().contains("TestFactories$DuplicateB"), e.getMessage());
  }

  @Test
  void factories_returnsEveryRegisteredFactory() {
    assertEquals(3, CloudProviders.factories(loader).size());
  }
}

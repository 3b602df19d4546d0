package dev.terway4j.testkit;

import java.util.HashMap;
import java.util.Map;

/**
 * Runs a test body with the engine's system properties cleared, so that tests of the engine's own
 * defaults (derived seeds, exact try counts) hold under {@code -Pexplore} and the long mode too.
 * Tests run one at a time in this module, so clearing and restoring them is safe.
 */
final class DefaultSettings {
  private DefaultSettings() {}

  /** A test body. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  static void run(Body body) throws Exception {
    Map<String, String> saved = new HashMap<>();
    for (String key :
        new String[] {
          PropertyChecks.SEED_PROPERTY,
          PropertyChecks.EXPLORE_PROPERTY,
          PropertyChecks.TRIES_PROPERTY
        }) {
      saved.put(key, System.getProperty(key));
      System.clearProperty(key);
    }
    try {
      body.run();
    } finally {
      saved.forEach(
          (key, value) -> {
            if (value == null) {
              System.clearProperty(key);
            } else {
              System.setProperty(key, value);
            }
          });
    }
  }
}

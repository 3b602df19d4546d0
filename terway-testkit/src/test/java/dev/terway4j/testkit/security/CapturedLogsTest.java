package dev.terway4j.testkit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The oracle of the security suite sees what is logged, at every level, and only while open. */
class CapturedLogsTest {

  @Test
  void capture_seesSlf4jAtEveryLevel_julAndPrintedOutput_onlyWhileOpen() {
    org.slf4j.Logger log = LoggerFactory.getLogger("test");
    log.warn("before {}", "open-marker");
    String all;
    try (CapturedLogs logs = CapturedLogs.open()) {
      log.trace("trace {}", "t-marker");
      log.debug("debug", new IllegalStateException("cause-marker"));
      java.util.logging.Logger.getLogger("jul").fine("jul-marker");
      System.err.println("err-marker");
      all = logs.all();
      assertEquals(3, logs.events());
    }
    assertTrue(all.contains("t-marker"), all);
    assertTrue(all.contains("cause-marker"), all);
    assertTrue(all.contains("jul-marker"), all);
    assertTrue(all.contains("err-marker"), all);
    assertFalse(all.contains("open-marker"), all);
  }
}

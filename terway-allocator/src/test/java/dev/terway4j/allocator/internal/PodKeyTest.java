package dev.terway4j.allocator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pod identities (issue 13 item 11). */
class PodKeyTest {

  @Test
  void keys_whoseJoinedTextsWouldCollide_areDifferent_andOnlyValidOnesAreAdmitted_issue13item11() {
    assertNotEquals(new PodKey("a/b", "c"), new PodKey("a", "b/c"));
    assertThrows(IllegalArgumentException.class, () -> PodKey.of("a/b", "c"));
    assertThrows(IllegalArgumentException.class, () -> PodKey.of("a", "b/c"));
    assertEquals("a/b.c", PodKey.of("a", "b.c").toString());
  }

  @Test
  void of_namesEveryProblem_withTheFieldAndAnEscapedShortenedValue_issue13item11() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PodKey.of("A.b", "\u001b" + "x".repeat(5000)));

    assertTrue(e.getMessage().contains("namespace \"A.b\""), e.getMessage());
    assertTrue(e.getMessage().contains("name \"\\u001bx"), e.getMessage());
    assertTrue(e.getMessage().contains("more characters"), e.getMessage());
    assertTrue(e.getMessage().length() < 600, e.getMessage());
  }

  @Test
  void checkNodeName_rejectsEmptyAndInvalidNames_issue13item11() {
    assertThrows(IllegalArgumentException.class, () -> PodKey.checkNodeName("node", ""));
    assertThrows(IllegalArgumentException.class, () -> PodKey.checkNodeName("node", "a/b"));
    PodKey.checkNodeName("node", "cn-hangzhou.192.168.0.1");
  }
}

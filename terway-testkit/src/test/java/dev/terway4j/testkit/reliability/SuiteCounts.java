package dev.terway4j.testkit.reliability;

/**
 * Prints the counts of a reliability run on one line, {@code [reliability] <what>: <counts>}, so
 * that a long run's totals can be read off the build output.
 */
final class SuiteCounts {
  private SuiteCounts() {}

  static void print(String what, Object counts) {
    System.out.println("[reliability] " + what + ": " + counts);
  }
}

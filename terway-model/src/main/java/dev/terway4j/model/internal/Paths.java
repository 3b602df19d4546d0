package dev.terway4j.model.internal;

import dev.terway4j.model.ManifestProblem;

/**
 * Field paths in the Kubernetes style: {@code spec.securityGroupIDs[0]}, {@code labels[a/b]}.
 *
 * <p>Paths are bounded: one longer than {@link ManifestProblem#MAX_PATH_CHARS} is cut and ends in
 * {@code ...}, and a cut path is not extended further, so that building the paths of a deep
 * document of long keys costs time and memory linear in the document, not quadratic.
 */
public final class Paths {

  private static final int MAX = ManifestProblem.MAX_PATH_CHARS;

  private static final String CUT = "...";

  private Paths() {}

  /** Returns {@code parent} followed by the field or map key {@code name}. */
  public static String field(String parent, String name) {
    if (isCut(parent)) {
      return parent;
    }
    if (name.length() <= MAX && isIdentifier(name)) {
      return bounded(parent.isEmpty() ? name : parent + "." + name);
    }
    return key(parent, name);
  }

  /** Returns {@code parent} followed by the map key {@code key}, always in brackets. */
  public static String key(String parent, String key) {
    if (isCut(parent)) {
      return parent;
    }
    return bounded(parent + "[" + (key.length() > MAX ? key.substring(0, MAX) : key) + "]");
  }

  /** Returns {@code parent} followed by the list index {@code index}. */
  public static String index(String parent, int index) {
    if (isCut(parent)) {
      return parent;
    }
    return bounded(parent + "[" + index + "]");
  }

  /** Returns whether {@code name} matches {@code [A-Za-z_][A-Za-z0-9_-]*} (a loop: hot path). */
  private static boolean isIdentifier(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      boolean other = i > 0 && ((c >= '0' && c <= '9') || c == '-');
      if (!letter && !other) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCut(String path) {
    return path.length() >= MAX - 1 && path.endsWith(CUT);
  }

  private static String bounded(String path) {
    if (path.length() <= MAX) {
      return path;
    }
    int end = MAX - CUT.length();
    if (Character.isHighSurrogate(path.charAt(end - 1))) {
      end--;
    }
    return path.substring(0, end) + CUT;
  }
}

package dev.terway4j.model.internal;

import java.util.regex.Pattern;

/** Field paths in the Kubernetes style: {@code spec.securityGroupIDs[0]}, {@code labels[a/b]}. */
public final class Paths {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private Paths() {}

  /** Returns {@code parent} followed by the field or map key {@code name}. */
  public static String field(String parent, String name) {
    if (IDENTIFIER.matcher(name).matches()) {
      return parent.isEmpty() ? name : parent + "." + name;
    }
    return parent + "[" + name + "]";
  }

  /** Returns {@code parent} followed by the map key {@code key}, always in brackets. */
  public static String key(String parent, String key) {
    return parent + "[" + key + "]";
  }

  /** Returns {@code parent} followed by the list index {@code index}. */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}

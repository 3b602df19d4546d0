package dev.terway4j.allocator.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.KubernetesNames;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod's identity, its namespace and name kept apart: the allocator keys its locks, its pending
 * work and its create generations by this pair, never by a joined string that two pods could share
 * ({@code a/b} + {@code c} and {@code a} + {@code b/c}).
 *
 * <p>{@link #of} validates both parts as Kubernetes does (a namespace is a DNS-1123 label, a pod
 * name a DNS-1123 subdomain); neither may then hold a {@code /}, so {@link #toString()} ({@code
 * namespace/name}) is unambiguous too. The canonical constructor only rejects nulls: it names
 * records read back from a store, which are keyed by the same pair whatever their names.
 *
 * <p>Immutable and thread-safe.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 */
public record PodKey(String namespace, String name) {
  private static final int LABEL_MAX = 63;
  private static final int SUBDOMAIN_MAX = 253;
  // How much of a bad value an error message quotes.
  private static final int QUOTED_MAX = 80;

  /** Checks that neither part is null. */
  public PodKey {
    checkNotNull(namespace, "namespace");
    checkNotNull(name, "name");
  }

  /**
   * Returns the key of a pod after checking its namespace and name.
   *
   * @param namespace the namespace, a DNS-1123 label
   * @param name the name, a DNS-1123 subdomain
   * @return the key
   * @throws IllegalArgumentException naming every problem, with the field and the (escaped,
   *     shortened) value
   */
  public static PodKey of(String namespace, String name) {
    checkNotNull(namespace, "namespace");
    checkNotNull(name, "name");
    List<String> problems = new ArrayList<>();
    namespaceProblems(namespace)
        .forEach(p -> problems.add("namespace " + quote(namespace) + ": " + p));
    subdomainProblems(name).forEach(p -> problems.add("name " + quote(name) + ": " + p));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid pod: " + String.join("; ", problems));
    }
    return new PodKey(namespace, name);
  }

  /**
   * Checks a node name (a DNS-1123 subdomain, as Kubernetes requires).
   *
   * @param field the field path to name in the message, e.g. {@code node metadata.name}
   * @param nodeName the name
   * @throws IllegalArgumentException if it is empty or invalid
   */
  public static void checkNodeName(String field, String nodeName) {
    checkNotNull(nodeName, field);
    List<String> problems = subdomainProblems(nodeName);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          field + " " + quote(nodeName) + ": " + String.join("; ", problems));
    }
  }

  private static List<String> namespaceProblems(String namespace) {
    if (namespace.isEmpty()) {
      return List.of("must not be empty");
    }
    List<String> problems = new ArrayList<>();
    if (namespace.length() > LABEL_MAX) {
      // Not handed to the pattern at all: the length is enough to refuse it.
      problems.add("must be no more than " + LABEL_MAX + " characters");
      return problems;
    }
    if (namespace.indexOf('.') >= 0) {
      problems.add("must be a DNS-1123 label (no '.')");
    }
    problems.addAll(KubernetesNames.dns1123SubdomainErrors(namespace));
    return problems;
  }

  private static List<String> subdomainProblems(String value) {
    if (value.isEmpty()) {
      return List.of("must not be empty");
    }
    if (value.length() > SUBDOMAIN_MAX) {
      return List.of("must be no more than " + SUBDOMAIN_MAX + " characters");
    }
    return KubernetesNames.dns1123SubdomainErrors(value);
  }

  /**
   * Returns a value for an error message: quoted, at most 80 characters of it, control and
   * non-ASCII characters escaped so that nothing reaches a terminal or a log raw.
   */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), QUOTED_MAX) + 16).append('"');
    int shown = Math.min(value.length(), QUOTED_MAX);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    out.append('"');
    if (value.length() > shown) {
      out.append(" (").append(value.length() - shown).append(" more characters)");
    }
    return out.toString();
  }

  /** Returns {@code namespace/name}. */
  @Override
  public String toString() {
    return namespace + '/' + name;
  }
}

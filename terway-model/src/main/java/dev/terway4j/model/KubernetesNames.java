package dev.terway4j.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The syntax rules Kubernetes applies to label keys, label values and object names, as in
 * apimachinery's {@code validation} package. Each check returns the list of everything wrong (empty
 * when valid) so callers can report all problems at once. Stateless and thread-safe.
 *
 * <p>The checks are hand-written scanners, linear in the input and without recursion: the regular
 * expressions apimachinery uses repeat a group once per dot-separated segment, which {@code
 * java.util.regex} matches by recursing once per segment, so a long dotted name overflowed the
 * stack.
 */
public final class KubernetesNames {

  private static final int QUALIFIED_NAME_MAX = 63;
  private static final int LABEL_VALUE_MAX = 63;
  private static final int DNS1123_SUBDOMAIN_MAX = 253;

  private KubernetesNames() {}

  /**
   * Checks a label key: an optional DNS-1123 subdomain prefix of at most 253 characters and a
   * {@code /}, then a name of at most 63 characters that starts and ends with an alphanumeric
   * character and otherwise holds {@code -}, {@code _}, {@code .} and alphanumerics.
   */
  public static List<String> labelKeyErrors(String key) {
    List<String> errors = new ArrayList<>();
    int slash = key.indexOf('/');
    String name;
    if (slash < 0) {
      name = key;
    } else if (key.indexOf('/', slash + 1) < 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        errors.addAll(dns1123SubdomainErrors(prefix, "prefix part "));
      }
    } else {
      errors.add(
          "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must"
              + " start and end with an alphanumeric character, with an optional DNS subdomain"
              + " prefix and '/' (e.g. 'example.com/MyName')");
      return errors;
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else {
      if (name.length() > QUALIFIED_NAME_MAX) {
        errors.add("name part must be no more than " + QUALIFIED_NAME_MAX + " characters");
      }
      if (!isQualifiedNamePart(name)) {
        errors.add(
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start"
                + " and end with an alphanumeric character (e.g. 'MyName', 'my.name' or"
                + " '123-abc')");
      }
    }
    return errors;
  }

  /**
   * Checks a label value: empty, or at most 63 characters that start and end with an alphanumeric
   * character and otherwise hold {@code -}, {@code _}, {@code .} and alphanumerics.
   */
  public static List<String> labelValueErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > LABEL_VALUE_MAX) {
      errors.add("must be no more than " + LABEL_VALUE_MAX + " characters");
    }
    if (!value.isEmpty() && !isQualifiedNamePart(value)) {
      errors.add(
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_'"
              + " or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',"
              + " 'my_value' or '12345')");
    }
    return errors;
  }

  /** Checks a DNS-1123 subdomain (the rule for most object names). */
  public static List<String> dns1123SubdomainErrors(String value) {
    return dns1123SubdomainErrors(value, "");
  }

  private static List<String> dns1123SubdomainErrors(String value, String what) {
    List<String> errors = new ArrayList<>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errors.add(what + "must be no more than " + DNS1123_SUBDOMAIN_MAX + " characters");
    }
    if (!isDns1123Subdomain(value)) {
      errors.add(
          what
              + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
              + " characters, '-' or '.', and must start and end with an alphanumeric character"
              + " (e.g. 'example.com')");
    }
    return errors;
  }

  // [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?, scanned once.
  private static boolean isQualifiedNamePart(String name) {
    int n = name.length();
    if (n == 0 || !isAlphanumeric(name.charAt(0)) || !isAlphanumeric(name.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = name.charAt(i);
      if (!isAlphanumeric(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  // Labels of [a-z0-9]([-a-z0-9]*[a-z0-9])? joined by single dots, scanned once.
  private static boolean isDns1123Subdomain(String value) {
    int n = value.length();
    int labelStart = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || value.charAt(i) == '.') {
        if (i == labelStart
            || !isLowerAlphanumeric(value.charAt(labelStart))
            || !isLowerAlphanumeric(value.charAt(i - 1))) {
          return false;
        }
        labelStart = i + 1;
      } else if (!isLowerAlphanumeric(value.charAt(i)) && value.charAt(i) != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlphanumeric(char c) {
    return isLowerAlphanumeric(c) || (c >= 'A' && c <= 'Z');
  }

  private static boolean isLowerAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** Returns whether {@code key} is a valid label key. */
  public static boolean isLabelKey(String key) {
    return labelKeyErrors(key).isEmpty();
  }

  /** Returns whether {@code value} is a valid label value. */
  public static boolean isLabelValue(String value) {
    return labelValueErrors(value).isEmpty();
  }
}

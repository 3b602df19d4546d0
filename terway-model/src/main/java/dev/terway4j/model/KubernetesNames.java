package dev.terway4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The syntax rules Kubernetes applies to label keys, label values and object names, as in
 * apimachinery's {@code validation} package. Each check returns the list of everything wrong (empty
 * when valid) so callers can report all problems at once. Stateless and thread-safe.
 */
public final class KubernetesNames {

  private static final int QUALIFIED_NAME_MAX = 63;
  private static final int LABEL_VALUE_MAX = 63;
  private static final int DNS1123_SUBDOMAIN_MAX = 253;

  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private KubernetesNames() {}

  /**
   * Checks a label key: an optional DNS-1123 subdomain prefix of at most 253 characters and a
   * {@code /}, then a name of at most 63 characters that starts and ends with an alphanumeric
   * character and otherwise holds {@code -}, {@code _}, {@code .} and alphanumerics.
   */
  public static List<String> labelKeyErrors(String key) {
    List<String> errors = new ArrayList<>();
    String[] parts = key.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
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
      if (!QUALIFIED_NAME.matcher(name).matches()) {
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
    if (!LABEL_VALUE.matcher(value).matches()) {
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
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errors.add(
          what
              + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
              + " characters, '-' or '.', and must start and end with an alphanumeric character"
              + " (e.g. 'example.com')");
    }
    return errors;
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

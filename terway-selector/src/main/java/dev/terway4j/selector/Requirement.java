package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedSet;
import dev.terway4j.model.KubernetesNames;
import dev.terway4j.model.ValidationException;
import dev.terway4j.model.ValidationResult;
import dev.terway4j.model.Violation;
import dev.terway4j.selector.internal.GoIntegers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedSet;

/**
 * One condition on one label: a key, an {@link Operator} and values, validated when built, as
 * apimachinery's {@code labels.NewRequirement}.
 *
 * <p>Rules: the key is a Kubernetes qualified name (optional DNS-1123 subdomain prefix of at most
 * 253 characters and {@code /}, then a name of at most 63 characters); every value is a valid label
 * value; {@code in}/{@code notin} need at least one value; {@code =}, {@code ==}, {@code !=}
 * exactly one; {@code exists}/{@code !} none; {@code gt}/{@code lt} exactly one 64-bit integer,
 * read as Go's {@code strconv.ParseInt(s, 10, 64)}: ASCII digits only, for the value and for the
 * labels matched. Values are kept as a sorted set: order and duplicates do not matter to matching,
 * and {@link #toString()} prints them sorted, as Kubernetes does.
 *
 * <p>Immutable and thread-safe.
 */
public final class Requirement {

  private final String key;
  private final Operator operator;
  private final ImmutableSortedSet<String> values;
  // The one value of most requirements, compared without a set lookup; null when there are more.
  private final String singleValue;
  private final long bound;

  private Requirement(String key, Operator operator, ImmutableSortedSet<String> values) {
    this.key = key;
    this.operator = operator;
    this.values = values;
    this.singleValue = values.size() == 1 ? values.first() : null;
    this.bound =
        operator == Operator.GREATER_THAN || operator == Operator.LESS_THAN
            ? GoIntegers.parseInt64(values.first()).getAsLong()
            : 0;
  }

  /**
   * Returns a validated requirement.
   *
   * @throws ValidationException listing every problem (paths {@code key}, {@code values}, {@code
   *     values[i]}) when the key, the values or their count are invalid
   * @throws NullPointerException if an argument or a value is null
   */
  public static Requirement of(String key, Operator operator, Collection<String> values) {
    List<Violation> violations = violations(key, operator, values);
    if (!violations.isEmpty()) {
      throw new ValidationException(
          new ValidationResult("requirement " + key, violations, List.of()));
    }
    return new Requirement(key, operator, ImmutableSortedSet.copyOf(values));
  }

  /**
   * Returns a validated requirement; see {@link #of(String, Operator, Collection)}.
   *
   * @throws ValidationException listing every problem when the requirement is invalid
   */
  public static Requirement of(String key, Operator operator, String... values) {
    return of(key, operator, Arrays.asList(values));
  }

  /**
   * Returns every problem of a would-be requirement, empty when it is valid. Paths are relative:
   * {@code key}, {@code values}, {@code values[i]}.
   *
   * @throws NullPointerException if an argument or a value is null
   */
  public static List<Violation> violations(
      String key, Operator operator, Collection<String> values) {
    checkNotNull(key, "key");
    checkNotNull(operator, "operator");
    checkNotNull(values, "values");
    List<Violation> out = new ArrayList<>();
    List<String> keyErrors = KubernetesNames.labelKeyErrors(key);
    if (!keyErrors.isEmpty()) {
      out.add(
          Violation.error(
              "key", "invalid label key \"" + key + "\": " + String.join("; ", keyErrors)));
    }
    switch (operator) {
      case IN:
      case NOT_IN:
        if (values.isEmpty()) {
          out.add(
              Violation.error("values", "for 'in', 'notin' operators, values set can't be empty"));
        }
        break;
      case EQUALS:
      case DOUBLE_EQUALS:
      case NOT_EQUALS:
        if (values.size() != 1) {
          out.add(
              Violation.error(
                  "values", "exact-match compatibility requires one single value, got " + values));
        }
        break;
      case EXISTS:
      case DOES_NOT_EXIST:
        if (!values.isEmpty()) {
          out.add(
              Violation.error(
                  "values",
                  "values set must be empty for exists and does not exist, got " + values));
        }
        break;
      case GREATER_THAN:
      case LESS_THAN:
        if (values.size() != 1) {
          out.add(
              Violation.error(
                  "values",
                  "for 'gt', 'lt' operators, exactly one value is required, got " + values));
        }
        int i = 0;
        for (String value : values) {
          checkNotNull(value, "values[%s]", i);
          if (!isInt64(value)) {
            out.add(
                Violation.error(
                    "values[" + i + "]",
                    "for 'gt', 'lt' operators, the value must be an integer, got \""
                        + value
                        + "\""));
          }
          i++;
        }
        break;
    }
    int i = 0;
    for (String value : values) {
      checkNotNull(value, "values[%s]", i);
      List<String> valueErrors = KubernetesNames.labelValueErrors(value);
      if (!valueErrors.isEmpty()) {
        out.add(
            Violation.error(
                "values[" + i + "]",
                "invalid label value \"" + value + "\": " + String.join("; ", valueErrors)));
      }
      i++;
    }
    return out;
  }

  /**
   * Returns whether {@code value} parses as a 64-bit decimal integer of ASCII digits, as Go's
   * {@code strconv.ParseInt(value, 10, 64)} (issue 13 item 17: {@link Long#parseLong} also takes
   * other Unicode digits).
   */
  private static boolean isInt64(String value) {
    return GoIntegers.isInt64(value);
  }

  /** Returns the label key. */
  public String key() {
    return key;
  }

  /** Returns the operator. */
  public Operator operator() {
    return operator;
  }

  /** Returns the values, sorted and without duplicates (unmodifiable). */
  public SortedSet<String> values() {
    return values;
  }

  /** Returns the values as a sorted, unmodifiable list. */
  public List<String> valueList() {
    return values.asList();
  }

  /**
   * Returns whether a label set satisfies this requirement. {@code notin}, {@code !=} and {@code !}
   * are satisfied by a set that lacks the key; {@code gt}/{@code lt} are not satisfied by a value
   * that is not an integer.
   *
   * @throws NullPointerException if {@code labels} is null
   */
  public boolean matches(Map<String, String> labels) {
    String value = labels.get(key);
    return matchesValue(value);
  }

  /**
   * Returns whether a label value satisfies this requirement; {@code null} stands for an absent
   * key.
   */
  public boolean matchesValue(String value) {
    switch (operator) {
      case IN:
      case EQUALS:
      case DOUBLE_EQUALS:
        return value != null && hasValue(value);
      case NOT_IN:
      case NOT_EQUALS:
        return value == null || !hasValue(value);
      case EXISTS:
        return value != null;
      case DOES_NOT_EXIST:
        return value == null;
      case GREATER_THAN:
      case LESS_THAN:
        if (value == null) {
          return false;
        }
        OptionalLong parsed = GoIntegers.parseInt64(value);
        if (parsed.isEmpty()) {
          return false;
        }
        long actual = parsed.getAsLong();
        return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
    }
    throw new AssertionError(operator);
  }

  private boolean hasValue(String value) {
    return singleValue != null ? singleValue.equals(value) : values.contains(value);
  }

  /**
   * Returns the kubectl form: {@code key in (a,b)}, {@code key notin (a)}, {@code key=a}, {@code
   * key==a}, {@code key!=a}, {@code key}, {@code !key}, {@code key>1}, {@code key<1}; values
   * sorted.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (operator == Operator.DOES_NOT_EXIST) {
      sb.append('!');
    }
    sb.append(key);
    switch (operator) {
      case EXISTS:
      case DOES_NOT_EXIST:
        return sb.toString();
      case IN:
        return sb.append(" in (").append(String.join(",", values)).append(')').toString();
      case NOT_IN:
        return sb.append(" notin (").append(String.join(",", values)).append(')').toString();
      case EQUALS:
        return sb.append('=').append(values.first()).toString();
      case DOUBLE_EQUALS:
        return sb.append("==").append(values.first()).toString();
      case NOT_EQUALS:
        return sb.append("!=").append(values.first()).toString();
      case GREATER_THAN:
        return sb.append('>').append(values.first()).toString();
      case LESS_THAN:
        return sb.append('<').append(values.first()).toString();
    }
    throw new AssertionError(operator);
  }

  /** Returns whether {@code o} is a requirement with the same key, operator and values. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Requirement)) {
      return false;
    }
    Requirement that = (Requirement) o;
    return key.equals(that.key) && operator == that.operator && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, operator, values);
  }
}

package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.LabelSelectorRequirement;
import dev.terway4j.model.ValidationException;
import dev.terway4j.model.ValidationResult;
import dev.terway4j.model.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversions between the model's {@link LabelSelector} and {@link Selector}, as apimachinery's
 * {@code metav1.LabelSelectorAsSelector}: an absent selector is {@link Selector#nothing()}, {@code
 * {}} is {@link Selector#everything()}, {@code matchLabels} become {@code =} requirements and
 * {@code matchExpressions} their operators. Stateless and thread-safe.
 */
public final class Selectors {

  private Selectors() {}

  /**
   * Converts a selector that may be absent: absent is {@link Selector#nothing()}.
   *
   * @throws ValidationException listing every invalid key, value and value count, with paths {@code
   *     matchLabels[key]}, {@code matchExpressions[i].values[j]}...
   */
  public static Selector fromLabelSelector(Optional<LabelSelector> selector) {
    checkNotNull(selector, "selector");
    return selector.isPresent() ? fromLabelSelector(selector.get()) : Selector.nothing();
  }

  /**
   * Converts a selector: {@code {}} is {@link Selector#everything()}.
   *
   * @throws ValidationException listing every invalid key, value and value count, with paths {@code
   *     matchLabels[key]}, {@code matchExpressions[i].values[j]}...
   */
  public static Selector fromLabelSelector(LabelSelector selector) {
    List<Violation> violations = violations(selector, "");
    if (!violations.isEmpty()) {
      throw new ValidationException(new ValidationResult("label selector", violations, List.of()));
    }
    List<Requirement> requirements = new ArrayList<>();
    for (Map.Entry<String, String> label : selector.matchLabels().entrySet()) {
      requirements.add(Requirement.of(label.getKey(), Operator.EQUALS, label.getValue()));
    }
    for (LabelSelectorRequirement expression : selector.matchExpressions()) {
      requirements.add(
          Requirement.of(
              expression.key(), Operator.of(expression.operator()), expression.values()));
    }
    return Selector.of(requirements);
  }

  /**
   * Returns every problem of a model selector, empty when it converts.
   *
   * @param selector the selector
   * @param path the path of the selector, e.g. {@code spec.selector.podSelector}; {@code ""} for
   *     relative paths
   */
  public static List<Violation> violations(LabelSelector selector, String path) {
    checkNotNull(selector, "selector");
    checkNotNull(path, "path");
    String prefix = path.isEmpty() ? "" : path + ".";
    List<Violation> out = new ArrayList<>();
    for (Map.Entry<String, String> label : selector.matchLabels().entrySet()) {
      String at = prefix + "matchLabels[" + label.getKey() + "]";
      for (Violation v :
          Requirement.violations(label.getKey(), Operator.EQUALS, List.of(label.getValue()))) {
        out.add(Violation.error(at, v.message()));
      }
    }
    List<LabelSelectorRequirement> expressions = selector.matchExpressions();
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement expression = expressions.get(i);
      String at = prefix + "matchExpressions[" + i + "]";
      for (Violation v :
          Requirement.violations(
              expression.key(), Operator.of(expression.operator()), expression.values())) {
        out.add(Violation.error(at + "." + v.path(), v.message()));
      }
    }
    return out;
  }

  /**
   * Returns the selector that matches exactly a label set ({@code =} on every entry), as
   * apimachinery's {@code ValidatedSelectorFromSet}; an empty set is {@link Selector#everything()}.
   *
   * @throws ValidationException listing every invalid key and value
   */
  public static Selector fromSet(Map<String, String> labels) {
    return fromLabelSelector(LabelSelector.matchLabels(labels));
  }
}

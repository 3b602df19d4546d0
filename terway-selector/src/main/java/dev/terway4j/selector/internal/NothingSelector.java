package dev.terway4j.selector.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.selector.Requirement;
import dev.terway4j.selector.Selector;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The selector that matches nothing (an absent {@code LabelSelector}). Stateless singleton. */
public final class NothingSelector implements Selector {

  /** The only instance. */
  public static final NothingSelector INSTANCE = new NothingSelector();

  private NothingSelector() {}

  @Override
  public boolean matches(Map<String, String> labels) {
    checkNotNull(labels, "labels");
    return false;
  }

  @Override
  public List<Requirement> unmetRequirements(Map<String, String> labels) {
    checkNotNull(labels, "labels");
    return List.of();
  }

  @Override
  public boolean isEverything() {
    return false;
  }

  @Override
  public boolean isNothing() {
    return true;
  }

  @Override
  public List<Requirement> requirements() {
    return List.of();
  }

  @Override
  public Selector and(Collection<Requirement> more) {
    checkNotNull(more, "more");
    return this;
  }

  @Override
  public Optional<String> requiredValue(String key) {
    checkNotNull(key, "key");
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "";
  }
}

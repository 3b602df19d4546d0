package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** {@code eni.attachmentOptions}: {@code trunk} absent means "not specified". Immutable. */
@Value.Immutable
@JsonSerialize(as = ImmutableAttachmentOptions.class)
@JsonDeserialize(as = ImmutableAttachmentOptions.class)
public interface AttachmentOptions {

  /** Returns {@code trunk}. */
  Optional<Boolean> trunk();

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableAttachmentOptions.Builder builder() {
    return ImmutableAttachmentOptions.builder();
  }
}

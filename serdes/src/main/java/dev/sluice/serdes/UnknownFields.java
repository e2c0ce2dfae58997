package dev.sluice.serdes;

/**
 * What a JSON deserializer does with a property that the target type does not have.
 *
 * <p>{@link #IGNORE} is the default because it lets a producer add a field before its consumers
 * know about it (a "tolerant reader"); {@link #REJECT} suits contracts where an unexpected field
 * means a producer is writing to the wrong topic.
 */
public enum UnknownFields {
  /** Skip properties the target type does not declare. */
  IGNORE,
  /** Fail with a {@code SerializationException} that names the property and its position. */
  REJECT
}

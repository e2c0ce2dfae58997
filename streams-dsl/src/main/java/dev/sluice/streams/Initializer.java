package dev.sluice.streams;

/**
 * Creates the starting aggregate of a key, before its first value is folded in.
 *
 * @param <VA> aggregate type
 */
@FunctionalInterface
public interface Initializer<VA> {

  /**
   * Returns a new initial aggregate.
   *
   * @return the aggregate, not null
   */
  VA apply();
}

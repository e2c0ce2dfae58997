package dev.sluice.streams;

/**
 * Maps a value to a new value.
 *
 * @param <V> value type
 * @param <R> result type
 */
@FunctionalInterface
public interface ValueMapper<V, R> {

  /**
   * Maps one value.
   *
   * @param value the value, may be null
   * @return the new value
   */
  R apply(V value);
}

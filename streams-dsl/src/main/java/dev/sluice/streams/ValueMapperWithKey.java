package dev.sluice.streams;

/**
 * Maps a value to a new value, with read-only access to the key.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type
 */
@FunctionalInterface
public interface ValueMapperWithKey<K, V, R> {

  /**
   * Maps one value.
   *
   * @param key the key, may be null; must not be modified
   * @param value the value, may be null
   * @return the new value
   */
  R apply(K key, V value);
}

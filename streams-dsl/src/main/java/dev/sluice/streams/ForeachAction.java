package dev.sluice.streams;

/**
 * A side effect run for each record.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface ForeachAction<K, V> {

  /**
   * Acts on one record.
   *
   * @param key the key, may be null
   * @param value the value, may be null
   */
  void apply(K key, V value);
}

package dev.sluice.streams;

/**
 * A test on a record's key and value.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface Predicate<K, V> {

  /**
   * Tests one record.
   *
   * @param key the key, may be null
   * @param value the value, may be null
   * @return true to keep (or route) the record
   */
  boolean test(K key, V value);
}

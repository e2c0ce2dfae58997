package dev.sluice.state;

import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A key-value store. Keys are ordered by their serialized bytes (unsigned lexicographic), so ranges
 * and prefix scans follow the byte order of the key serde: lexicographic for {@code String} (UTF-8)
 * and {@code byte[]}; for non-negative {@code Integer}/{@code Long} with Kafka's big-endian serdes
 * the byte order equals the numeric order, negative numbers sort after positive ones.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KeyValueStore<K, V> extends StateStore {

  /**
   * Reads a value.
   *
   * @param key the key, not null
   * @return the value, or null if absent
   */
  V get(K key);

  /**
   * Writes a value; a null value deletes the key.
   *
   * @param key the key, not null
   * @param value the value, or null to delete
   */
  void put(K key, V value);

  /**
   * Writes a value only if the key is absent.
   *
   * @param key the key, not null
   * @param value the value, not null
   * @return the existing value (nothing written), or null if the value was written
   */
  V putIfAbsent(K key, V value);

  /**
   * Writes several entries in one batch; a null value deletes its key.
   *
   * @param entries the entries, keys not null
   */
  void putAll(List<KeyValue<K, V>> entries);

  /**
   * Deletes a key.
   *
   * @param key the key, not null
   * @return the previous value, or null if there was none
   */
  V delete(K key);

  /**
   * Entries with {@code from <= key <= to} in serialized-key order.
   *
   * @param from lower bound, inclusive; null for unbounded
   * @param to upper bound, inclusive; null for unbounded
   * @return an iterator to close
   */
  KeyValueIterator<K, V> range(K from, K to);

  /**
   * Like {@link #range} but in descending order.
   *
   * @param from lower bound, inclusive; null for unbounded
   * @param to upper bound, inclusive; null for unbounded
   * @return an iterator to close
   */
  KeyValueIterator<K, V> reverseRange(K from, K to);

  /**
   * Entries whose serialized key starts with the serialized prefix, in key order.
   *
   * @param prefix the prefix, not null
   * @param prefixSerializer serializes the prefix the way the key serde serializes keys
   * @param <P> prefix type
   * @return an iterator to close
   */
  <P> KeyValueIterator<K, V> prefixScan(P prefix, Serializer<P> prefixSerializer);

  /**
   * All entries in key order.
   *
   * @return an iterator to close
   */
  KeyValueIterator<K, V> all();

  /**
   * An estimate of the number of entries (exact for in-memory stores, RocksDB's {@code
   * rocksdb.estimate-num-keys} otherwise).
   *
   * @return the estimate
   */
  long approximateNumEntries();
}

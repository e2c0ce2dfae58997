package dev.sluice.state.internal.typed;

import dev.sluice.state.FlushListener;
import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.KeyValueStore;
import dev.sluice.state.internal.Checks;
import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesRange;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.caching.BytesFlushListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The typed key-value façade: serializes at the edge, stores the serialized key unchanged, so
 * ranges follow serialized-byte order.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TypedKeyValueStore<K, V> extends TypedStore<K, V>
    implements KeyValueStore<K, V> {

  /**
   * Creates the façade.
   *
   * @param bytes the byte stack
   * @param keySerde key serde
   * @param valueSerde value serde
   * @param clock record time
   * @param onClose called when closed
   */
  public TypedKeyValueStore(
      BytesStore bytes,
      Serde<K> keySerde,
      Serde<V> valueSerde,
      LongSupplier clock,
      Runnable onClose) {
    super(bytes, keySerde, valueSerde, clock, onClose);
  }

  /**
   * Adapts a typed flush listener to the byte layer.
   *
   * @param name store name (serde topic)
   * @param keySerde key serde
   * @param valueSerde value serde
   * @param listener the typed listener
   * @param <K> key type
   * @param <V> value type
   * @return the byte listener
   */
  public static <K, V> BytesFlushListener adapt(
      String name, Serde<K> keySerde, Serde<V> valueSerde, FlushListener<K, V> listener) {
    return (key, newValue, oldValue, timestamp) ->
        listener.onFlush(
            keySerde.deserializer().deserialize(name, key),
            newValue == null ? null : valueSerde.deserializer().deserialize(name, newValue),
            oldValue == null ? null : valueSerde.deserializer().deserialize(name, oldValue),
            timestamp);
  }

  @Override
  public V get(K key) {
    checkRunning();
    return value(bytes.get(keyBytes(key)));
  }

  @Override
  public void put(K key, V value) {
    checkRunning();
    writeBytes(keyBytes(key), valueBytes(value));
  }

  @Override
  public V putIfAbsent(K key, V value) {
    checkRunning();
    Checks.checkNotNull(value, "Store '%s': putIfAbsent needs a value; use delete", name());
    byte[] keyBytes = keyBytes(key);
    byte[] existing = bytes.get(keyBytes);
    if (existing != null) {
      return value(existing);
    }
    writeBytes(keyBytes, valueBytes(value));
    return null;
  }

  @Override
  public void putAll(List<KeyValue<K, V>> entries) {
    checkRunning();
    List<byte[][]> writes = new ArrayList<>(entries.size());
    for (KeyValue<K, V> entry : entries) {
      writes.add(new byte[][] {keyBytes(entry.key()), valueBytes(entry.value())});
    }
    writeBytes(writes);
  }

  @Override
  public V delete(K key) {
    checkRunning();
    byte[] keyBytes = keyBytes(key);
    byte[] old = bytes.get(keyBytes);
    if (old != null) {
      writeBytes(keyBytes, null);
    }
    return value(old);
  }

  @Override
  public KeyValueIterator<K, V> range(K from, K to) {
    return scan(from, to, false);
  }

  @Override
  public KeyValueIterator<K, V> reverseRange(K from, K to) {
    return scan(from, to, true);
  }

  private KeyValueIterator<K, V> scan(K from, K to, boolean reverse) {
    checkRunning();
    byte[] lower = from == null ? null : keyBytes(from);
    byte[] upper = to == null ? null : Bytes.successor(keyBytes(to));
    return iterate(BytesRange.keys(lower, upper), reverse);
  }

  @Override
  public <P> KeyValueIterator<K, V> prefixScan(P prefix, Serializer<P> prefixSerializer) {
    checkRunning();
    Checks.checkNotNull(prefix, "Store '%s': prefixScan needs a prefix", name());
    byte[] lower = prefixSerializer.serialize(name(), prefix);
    return iterate(BytesRange.keys(lower, Bytes.prefixEnd(lower)), false);
  }

  @Override
  public KeyValueIterator<K, V> all() {
    checkRunning();
    return iterate(BytesRange.ALL, false);
  }

  private KeyValueIterator<K, V> iterate(BytesRange range, boolean reverse) {
    return track(bytes.range(range, reverse), (k, v) -> KeyValue.of(key(k), value(v)));
  }

  @Override
  public long approximateNumEntries() {
    checkRunning();
    return bytes.approximateNumEntries();
  }
}

package dev.sluice.state.internal.typed;

import dev.sluice.state.FlushListener;
import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.WindowStore;
import dev.sluice.state.Windowed;
import dev.sluice.state.internal.Checks;
import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesRange;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.caching.BytesFlushListener;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.Serde;

/**
 * The typed window façade over {@code escaped(key) ++ windowStart} store keys (see {@link
 * KeyCodec}), segmented by window start.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TypedWindowStore<K, V> extends TypedStore<K, V> implements WindowStore<K, V> {

  private final Duration windowSize;

  /**
   * Creates the façade.
   *
   * @param bytes the byte stack (window schema)
   * @param keySerde key serde
   * @param valueSerde value serde
   * @param windowSize the window size
   * @param clock record time
   * @param onClose called when closed
   */
  public TypedWindowStore(
      BytesStore bytes,
      Serde<K> keySerde,
      Serde<V> valueSerde,
      Duration windowSize,
      LongSupplier clock,
      Runnable onClose) {
    super(bytes, keySerde, valueSerde, clock, onClose);
    this.windowSize = windowSize;
  }

  /**
   * Adapts a typed flush listener to the byte layer.
   *
   * @param name store name
   * @param keySerde key serde
   * @param valueSerde value serde
   * @param windowSize window size, for window ends
   * @param listener the typed listener
   * @param <K> key type
   * @param <V> value type
   * @return the byte listener
   */
  public static <K, V> BytesFlushListener adapt(
      String name,
      Serde<K> keySerde,
      Serde<V> valueSerde,
      Duration windowSize,
      FlushListener<Windowed<K>, V> listener) {
    return (key, newValue, oldValue, timestamp) -> {
      long start = Bytes.getLong(key, key.length - 8);
      K userKey = keySerde.deserializer().deserialize(name, KeyCodec.unescape(key, key.length - 8));
      listener.onFlush(
          Windowed.of(userKey, start, start + windowSize.toMillis()),
          newValue == null ? null : valueSerde.deserializer().deserialize(name, newValue),
          oldValue == null ? null : valueSerde.deserializer().deserialize(name, oldValue),
          timestamp);
    };
  }

  @Override
  public void put(K key, V value, long windowStart) {
    checkRunning();
    checkTime(windowStart, "windowStart");
    writeBytes(KeyCodec.timedKey(KeyCodec.escape(keyBytes(key)), windowStart), valueBytes(value));
  }

  @Override
  public V fetch(K key, long windowStart) {
    checkRunning();
    checkTime(windowStart, "windowStart");
    return value(bytes.get(KeyCodec.timedKey(KeyCodec.escape(keyBytes(key)), windowStart)));
  }

  @Override
  public KeyValueIterator<Long, V> fetch(K key, long timeFrom, long timeTo) {
    checkRunning();
    checkTime(timeFrom, "timeFrom");
    byte[] escaped = KeyCodec.escape(keyBytes(key));
    BytesRange range =
        new BytesRange(
            KeyCodec.timedKey(escaped, timeFrom),
            Bytes.successor(KeyCodec.timedKey(escaped, Math.max(timeFrom, timeTo))),
            timeFrom,
            timeTo);
    return track(
        bytes.range(range, false),
        (k, v) -> {
          long start = Bytes.getLong(k, k.length - 8);
          return start <= timeTo ? KeyValue.of(start, value(v)) : null;
        });
  }

  @Override
  public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
    checkRunning();
    checkTime(timeFrom, "timeFrom");
    byte[] lower = keyFrom == null ? null : KeyCodec.escape(keyBytes(keyFrom));
    byte[] upper = keyTo == null ? null : Bytes.prefixEnd(KeyCodec.escape(keyBytes(keyTo)));
    return windows(new BytesRange(lower, upper, timeFrom, Math.max(timeFrom, timeTo)), timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
    return fetch(null, null, timeFrom, timeTo);
  }

  private KeyValueIterator<Windowed<K>, V> windows(BytesRange range, long timeTo) {
    long timeFrom = range.timeFrom();
    return track(
        bytes.range(range, false),
        (k, v) -> {
          long start = Bytes.getLong(k, k.length - 8);
          if (start < timeFrom || start > timeTo) {
            return null;
          }
          K key = key(KeyCodec.unescape(k, k.length - 8));
          return KeyValue.of(Windowed.of(key, start, start + windowSize.toMillis()), value(v));
        });
  }

  private void checkTime(long time, String what) {
    Checks.checkArgument(
        time >= 0, "Store '%s': %s was %s; window times are epoch millis >= 0", name(), what, time);
  }

  @Override
  public Duration windowSize() {
    return windowSize;
  }

  @Override
  public Duration retention() {
    return Duration.ofMillis(bytes.schema().retention());
  }
}

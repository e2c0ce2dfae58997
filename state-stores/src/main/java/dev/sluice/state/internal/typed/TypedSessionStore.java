package dev.sluice.state.internal.typed;

import dev.sluice.state.FlushListener;
import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.SessionStore;
import dev.sluice.state.Windowed;
import dev.sluice.state.internal.Checks;
import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesRange;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.KeySchema;
import dev.sluice.state.internal.caching.BytesFlushListener;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.Serde;

/**
 * The typed session façade over {@code escaped(key) ++ end ++ start} store keys (see {@link
 * KeyCodec}), segmented by session end, so the sessions of a key are contiguous and ordered by end.
 * {@link #findSessionsEndingBetween} reads the time index the byte stack keeps beside the sessions
 * ({@link KeySchema#timeIndexKey}) and each session it names.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
public final class TypedSessionStore<K, V> extends TypedStore<K, V> implements SessionStore<K, V> {

  /**
   * Creates the façade.
   *
   * @param bytes the byte stack (session schema)
   * @param keySerde key serde
   * @param valueSerde value serde
   * @param clock record time
   * @param onClose called when closed
   */
  public TypedSessionStore(
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
   * @param name store name
   * @param keySerde key serde
   * @param valueSerde value serde
   * @param listener the typed listener
   * @param <K> key type
   * @param <V> value type
   * @return the byte listener
   */
  public static <K, V> BytesFlushListener adapt(
      String name, Serde<K> keySerde, Serde<V> valueSerde, FlushListener<Windowed<K>, V> listener) {
    return (key, newValue, oldValue, timestamp) ->
        listener.onFlush(
            decodeSession(key, raw -> keySerde.deserializer().deserialize(name, raw)),
            newValue == null ? null : valueSerde.deserializer().deserialize(name, newValue),
            oldValue == null ? null : valueSerde.deserializer().deserialize(name, oldValue),
            timestamp);
  }

  private static <K> Windowed<K> decodeSession(
      byte[] key, java.util.function.Function<byte[], K> keyDecoder) {
    long end = Bytes.getLong(key, key.length - 16);
    long start = Bytes.getLong(key, key.length - 8);
    return Windowed.of(keyDecoder.apply(KeyCodec.unescape(key, key.length - 16)), start, end);
  }

  private byte[] storeKey(Windowed<K> session) {
    Checks.checkNotNull(session, "Store '%s': session must not be null", name());
    return KeyCodec.timedKey(
        KeyCodec.escape(keyBytes(session.key())), session.end(), session.start());
  }

  @Override
  public void put(Windowed<K> session, V aggregate) {
    checkRunning();
    writeBytes(storeKey(session), valueBytes(aggregate));
  }

  @Override
  public void remove(Windowed<K> session) {
    checkRunning();
    writeBytes(storeKey(session), null);
  }

  @Override
  public V fetchSession(K key, long sessionStart, long sessionEnd) {
    checkRunning();
    return value(bytes.get(storeKey(Windowed.of(key, sessionStart, sessionEnd))));
  }

  @Override
  public KeyValueIterator<Windowed<K>, V> findSessions(
      K key, long earliestSessionEnd, long latestSessionStart) {
    checkRunning();
    Checks.checkArgument(
        earliestSessionEnd >= 0,
        "Store '%s': earliestSessionEnd was %s; session times are epoch millis >= 0",
        name(),
        earliestSessionEnd);
    byte[] escaped = KeyCodec.escape(keyBytes(key));
    BytesRange range =
        new BytesRange(
            KeyCodec.timedKey(escaped, earliestSessionEnd, 0),
            Bytes.prefixEnd(escaped),
            earliestSessionEnd,
            Long.MAX_VALUE);
    return track(
        bytes.range(range, false),
        (k, v) -> {
          Windowed<K> session = decodeSession(k, this::key);
          return session.start() <= latestSessionStart ? KeyValue.of(session, value(v)) : null;
        });
  }

  @Override
  public KeyValueIterator<Windowed<K>, V> findSessionsEndingBetween(
      long earliestSessionEnd, long latestSessionEnd) {
    checkRunning();
    Checks.checkArgument(
        earliestSessionEnd >= 0,
        "Store '%s': earliestSessionEnd was %s; session times are epoch millis >= 0",
        name(),
        earliestSessionEnd);
    long latest = Math.max(earliestSessionEnd, latestSessionEnd);
    BytesRange index =
        new BytesRange(
            KeySchema.timeIndexBound(earliestSessionEnd),
            KeySchema.timeIndexBound(latest == Long.MAX_VALUE ? latest : latest + 1),
            earliestSessionEnd,
            latest);
    return track(
        bytes.range(index, false),
        (indexKey, ignored) -> {
          byte[] sessionKey = KeySchema.sessionKeyOf(indexKey);
          byte[] aggregate = bytes.get(sessionKey);
          return aggregate == null
              ? null
              : KeyValue.of(decodeSession(sessionKey, this::key), value(aggregate));
        });
  }

  @Override
  public KeyValueIterator<Windowed<K>, V> fetch(K key) {
    return findSessions(key, 0, Long.MAX_VALUE);
  }

  @Override
  public Duration retention() {
    return Duration.ofMillis(bytes.schema().retention());
  }
}

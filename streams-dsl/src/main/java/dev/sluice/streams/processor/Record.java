package dev.sluice.streams.processor;

import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record as a processor sees it: key, value, event timestamp and headers.
 *
 * <p>Records are immutable values; the {@code with*} methods return a copy with one field replaced.
 * Headers are shared between copies, so a processor that wants to change headers should pass a
 * fresh {@link Headers} to {@link #withHeaders(Headers)}.
 *
 * @param key the key, may be null
 * @param value the value, may be null (a tombstone for tables)
 * @param timestamp the event time in epoch milliseconds
 * @param headers the record headers, never null
 * @param <K> key type
 * @param <V> value type
 */
public record Record<K, V>(K key, V value, long timestamp, Headers headers) {

  /** Checks the headers are present. */
  public Record {
    Objects.requireNonNull(headers, "headers");
  }

  /**
   * A record with empty headers.
   *
   * @param key the key
   * @param value the value
   * @param timestamp the event time in epoch milliseconds
   */
  public Record(K key, V value, long timestamp) {
    this(key, value, timestamp, new RecordHeaders());
  }

  /**
   * A copy with another key.
   *
   * @param newKey the new key
   * @param <NK> the new key type
   * @return the copy
   */
  public <NK> Record<NK, V> withKey(NK newKey) {
    return new Record<>(newKey, value, timestamp, headers);
  }

  /**
   * A copy with another value.
   *
   * @param newValue the new value
   * @param <NV> the new value type
   * @return the copy
   */
  public <NV> Record<K, NV> withValue(NV newValue) {
    return new Record<>(key, newValue, timestamp, headers);
  }

  /**
   * A copy with another timestamp.
   *
   * @param newTimestamp the new event time in epoch milliseconds
   * @return the copy
   */
  public Record<K, V> withTimestamp(long newTimestamp) {
    return new Record<>(key, value, newTimestamp, headers);
  }

  /**
   * A copy with other headers.
   *
   * @param newHeaders the new headers
   * @return the copy
   */
  public Record<K, V> withHeaders(Headers newHeaders) {
    return new Record<>(key, value, timestamp, newHeaders);
  }
}

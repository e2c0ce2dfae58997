package dev.sluice.testdriver;

import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record piped into or read from the test driver.
 *
 * @param key the key, may be null
 * @param value the value, may be null
 * @param timestamp the record timestamp in epoch milliseconds
 * @param headers the headers, never null
 * @param <K> key type
 * @param <V> value type
 */
public record TestRecord<K, V>(K key, V value, long timestamp, Headers headers) {

  /** Checks the headers are present. */
  public TestRecord {
    Objects.requireNonNull(headers, "headers");
  }

  /**
   * A record with empty headers.
   *
   * @param key the key
   * @param value the value
   * @param timestamp the timestamp
   */
  public TestRecord(K key, V value, long timestamp) {
    this(key, value, timestamp, new RecordHeaders());
  }
}

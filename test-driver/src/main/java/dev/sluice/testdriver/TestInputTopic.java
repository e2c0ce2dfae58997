package dev.sluice.testdriver;

import dev.sluice.streams.KeyValue;
import dev.sluice.testdriver.internal.PipedHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes records into one input topic of a {@link TopologyTestDriver}. Each pipe serializes the
 * record like a producer would and processes it, and everything it causes, before returning.
 *
 * <p>Records piped without a timestamp get the topic's current time, which starts at the driver's
 * start time and moves forward by the auto-advance step after each such record.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TestInputTopic<K, V> {
  private final TopologyTestDriver driver;
  private final TopologyTestDriver.InputPartition input;
  private final String topic;
  private final Serializer<K> keySerializer;
  private final Serializer<V> valueSerializer;
  private long currentTime;
  private final long autoAdvanceMs;

  TestInputTopic(
      TopologyTestDriver driver,
      TopologyTestDriver.InputPartition input,
      String topic,
      Serializer<K> keySerializer,
      Serializer<V> valueSerializer,
      long startTime,
      long autoAdvanceMs) {
    this.driver = driver;
    this.input = input;
    this.topic = topic;
    this.keySerializer = keySerializer;
    this.valueSerializer = valueSerializer;
    this.currentTime = startTime;
    this.autoAdvanceMs = autoAdvanceMs;
  }

  /**
   * Pipes a record at the topic's current time.
   *
   * @param key the key
   * @param value the value
   */
  public void pipe(K key, V value) {
    pipe(key, value, nextTimestamp());
  }

  /**
   * Pipes a record with a null key at the topic's current time.
   *
   * @param value the value
   */
  public void pipe(V value) {
    pipe(null, value);
  }

  /**
   * Pipes a record at a timestamp.
   *
   * @param key the key
   * @param value the value
   * @param timestamp epoch milliseconds
   */
  public void pipe(K key, V value, long timestamp) {
    pipeSerialized(key, value, timestamp, new PipedHeaders());
  }

  /**
   * Pipes a record at an instant.
   *
   * @param key the key
   * @param value the value
   * @param timestamp the instant
   */
  public void pipe(K key, V value, Instant timestamp) {
    Objects.requireNonNull(timestamp, "timestamp must not be null");
    pipe(key, value, timestamp.toEpochMilli());
  }

  /**
   * Pipes a record with headers at a timestamp.
   *
   * @param key the key
   * @param value the value
   * @param timestamp epoch milliseconds
   * @param headers the headers
   */
  public void pipe(K key, V value, long timestamp, Headers headers) {
    pipe(new TestRecord<>(key, value, timestamp, headers));
  }

  /**
   * Pipes a full record.
   *
   * @param record the record
   */
  public void pipe(TestRecord<K, V> record) {
    Objects.requireNonNull(record, "record must not be null");
    Header[] given = record.headers().toArray();
    Headers headers = given.length == 0 ? new PipedHeaders() : new RecordHeaders(given);
    pipeSerialized(record.key(), record.value(), record.timestamp(), headers);
  }

  // The headers are the driver's from here on: copies of the caller's, or fresh ones.
  private void pipeSerialized(K key, V value, long timestamp, Headers headers) {
    byte[] keyBytes = keySerializer.serialize(topic, headers, key);
    byte[] valueBytes = valueSerializer.serialize(topic, headers, value);
    driver.pipeRaw(input, keyBytes, valueBytes, timestamp, headers);
  }

  /**
   * Pipes key-value pairs in order, each at the topic's current time.
   *
   * @param pairs the pairs
   */
  public void pipeAll(List<KeyValue<K, V>> pairs) {
    Objects.requireNonNull(pairs, "pairs must not be null");
    for (KeyValue<K, V> pair : pairs) {
      pipe(pair.key(), pair.value());
    }
  }

  /**
   * Pipes records in order.
   *
   * @param records the records
   */
  public void pipeRecords(List<TestRecord<K, V>> records) {
    Objects.requireNonNull(records, "records must not be null");
    records.forEach(this::pipe);
  }

  /**
   * Moves the topic's current time forward.
   *
   * @param advance how far
   */
  public void advanceTime(Duration advance) {
    Objects.requireNonNull(advance, "advance must not be null");
    currentTime += advance.toMillis();
  }

  private long nextTimestamp() {
    long timestamp = currentTime;
    currentTime += autoAdvanceMs;
    return timestamp;
  }
}

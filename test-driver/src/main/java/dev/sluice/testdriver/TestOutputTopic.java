package dev.sluice.testdriver;

import dev.sluice.streams.KeyValue;
import dev.sluice.testdriver.internal.CapturedRecord;
import dev.sluice.testdriver.internal.CapturedRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads what a topology wrote to one topic of a {@link TopologyTestDriver}, in order. Reading
 * consumes: each record is returned once.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TestOutputTopic<K, V> {
  private final String topic;
  private final CapturedRecords records;
  private final Deserializer<K> keyDeserializer;
  private final Deserializer<V> valueDeserializer;

  TestOutputTopic(
      String topic,
      CapturedRecords records,
      Deserializer<K> keyDeserializer,
      Deserializer<V> valueDeserializer) {
    this.topic = topic;
    this.records = records;
    this.keyDeserializer = keyDeserializer;
    this.valueDeserializer = valueDeserializer;
  }

  /**
   * Reads the next record.
   *
   * @return the record
   * @throws NoSuchElementException if nothing is left
   */
  public TestRecord<K, V> readRecord() {
    CapturedRecord next = records.poll();
    if (next == null) {
      throw new NoSuchElementException("output topic '" + topic + "' has no more records");
    }
    return new TestRecord<>(
        keyDeserializer.deserialize(topic, next.headers(), next.key()),
        valueDeserializer.deserialize(topic, next.headers(), next.value()),
        next.timestamp(),
        next.headers());
  }

  /**
   * Reads the next record's key and value.
   *
   * @return the pair
   */
  public KeyValue<K, V> readKeyValue() {
    TestRecord<K, V> record = readRecord();
    return new KeyValue<>(record.key(), record.value());
  }

  /**
   * Reads the next record's value.
   *
   * @return the value
   */
  public V readValue() {
    return readRecord().value();
  }

  /**
   * Reads every remaining record.
   *
   * @return the records, in order
   */
  public List<TestRecord<K, V>> readAll() {
    List<TestRecord<K, V>> all = new ArrayList<>();
    while (!records.isEmpty()) {
      all.add(readRecord());
    }
    return all;
  }

  /**
   * Reads every remaining key and value.
   *
   * @return the pairs, in order
   */
  public List<KeyValue<K, V>> readKeyValuesToList() {
    List<KeyValue<K, V>> all = new ArrayList<>();
    while (!records.isEmpty()) {
      all.add(readKeyValue());
    }
    return all;
  }

  /**
   * Reads every remaining value.
   *
   * @return the values, in order
   */
  public List<V> readValuesToList() {
    List<V> all = new ArrayList<>();
    while (!records.isEmpty()) {
      all.add(readValue());
    }
    return all;
  }

  /**
   * Reads every remaining record into a map: the latest value per key wins, and a null value
   * removes the key (the table view of the topic).
   *
   * @return the map, in first-seen key order
   */
  public Map<K, V> readToMap() {
    Map<K, V> table = new LinkedHashMap<>();
    while (!records.isEmpty()) {
      KeyValue<K, V> pair = readKeyValue();
      if (pair.value() == null) {
        table.remove(pair.key());
      } else {
        table.put(pair.key(), pair.value());
      }
    }
    return table;
  }

  /**
   * Whether everything has been read.
   *
   * @return true if no record is left
   */
  public boolean isEmpty() {
    return records.isEmpty();
  }

  /**
   * How many records are left to read.
   *
   * @return the count
   */
  public int size() {
    return records.size();
  }
}

package dev.sluice.streams.internal.engine;

import dev.sluice.streams.DeserializationExceptionHandler;
import dev.sluice.streams.StreamsException;
import dev.sluice.streams.TimestampExtractor;
import dev.sluice.streams.internal.graph.SourceNode;
import dev.sluice.streams.processor.Record;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The input edge of a task: decodes raw records of its topics and feeds them to the source step.
 * Decoding happens when records are queued, so the task can order partitions by event time; an
 * undecodable record goes to the configured handler right there.
 */
final class SourceRuntime {
  private final SourceNode node;
  private final ProcessorNodeRuntime runtime;
  private final Deserializer<?> keyDeserializer;
  private final Deserializer<?> valueDeserializer;
  private final TimestampExtractor extractor;
  private final boolean recordTimestamp;
  private final DeserializationExceptionHandler handler;

  SourceRuntime(
      SourceNode node, ProcessorNodeRuntime runtime, DeserializationExceptionHandler handler) {
    this.node = node;
    this.runtime = runtime;
    this.keyDeserializer = node.keySerde().deserializer();
    this.valueDeserializer = node.valueSerde().deserializer();
    this.extractor = node.timestampExtractor();
    this.recordTimestamp = extractor == TimestampExtractor.recordTimestamp();
    this.handler = handler;
  }

  /**
   * Decodes one record into what the source step forwards.
   *
   * @param raw the record as read
   * @param partitionTime the partition's largest timestamp so far
   * @return the decoded record with the raw record's headers, or null if it is skipped (undecodable
   *     under log-and-continue, or a negative timestamp)
   */
  Record<Object, Object> decode(RawInput raw, long partitionTime) {
    Object key = deserialize(keyDeserializer, raw, raw.key, "key");
    if (key == SKIP) {
      return null;
    }
    Object value = deserialize(valueDeserializer, raw, raw.value, "value");
    if (value == SKIP) {
      return null;
    }
    long timestamp =
        recordTimestamp ? raw.timestamp : extract(raw.consumerRecord(), key, value, partitionTime);
    if (timestamp < 0) {
      System.getLogger(SourceRuntime.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "Skipping record at {0}-{1} offset {2}: negative timestamp {3}",
              raw.topic,
              raw.partition,
              raw.offset,
              timestamp);
      return null;
    }
    return new Record<>(key, value, timestamp, raw.headers);
  }

  void forward(Record<Object, Object> record) {
    runtime.forward(record);
  }

  private static final Object SKIP = new Object();

  private Object deserialize(
      Deserializer<?> deserializer, RawInput raw, byte[] bytes, String part) {
    try {
      return deserializer.deserialize(raw.topic, raw.headers, bytes);
    } catch (RuntimeException e) {
      String deserializerName = deserializer.getClass().getName();
      if (handler.handle(raw.consumerRecord(), deserializerName, e)
          == DeserializationExceptionHandler.Response.CONTINUE) {
        return SKIP;
      }
      throw new StreamsException(
          String.format(
              "source '%s' could not deserialize the %s of the record at %s-%d offset %d with %s:"
                  + " %s. Fix the producer or the serde, or set %s=log-and-continue to skip such"
                  + " records",
              node.name(),
              part,
              raw.topic,
              raw.partition,
              raw.offset,
              deserializerName,
              e,
              dev.sluice.streams.SluiceConfig.DESERIALIZATION_EXCEPTION_HANDLER),
          e);
    }
  }

  private long extract(
      ConsumerRecord<byte[], byte[]> raw, Object key, Object value, long partitionTime) {
    ConsumerRecord<Object, Object> decoded =
        new ConsumerRecord<>(
            raw.topic(),
            raw.partition(),
            raw.offset(),
            raw.timestamp(),
            raw.timestampType(),
            raw.serializedKeySize(),
            raw.serializedValueSize(),
            key,
            value,
            raw.headers(),
            raw.leaderEpoch(),
            raw.deliveryCount());
    try {
      return extractor.extract(decoded, partitionTime);
    } catch (RuntimeException e) {
      throw new StreamsException(
          String.format(
              "source '%s': the timestamp extractor failed on the record at %s-%d offset %d: %s",
              node.name(), raw.topic(), raw.partition(), raw.offset(), e),
          e);
    }
  }
}

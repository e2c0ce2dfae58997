package dev.sluice.streams.internal.runtime;

import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.engine.RecordCollector;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * The runtime's output edge: sends task output through one thread's producer.
 *
 * <p>Failure: a send that fails asynchronously is remembered and rethrown by the next {@link #send}
 * or {@link #flush}, so a commit never covers input whose output was lost. It also remembers, per
 * partition, the highest offset the broker acknowledged, which the thread uses to checkpoint
 * changelog offsets after a flush. Used by one stream thread; producer callbacks run on the
 * producer's I/O thread, hence the atomic error and the synchronized offset map.
 */
final class KafkaRecordCollector implements RecordCollector {
  private final Producer<byte[], byte[]> producer;
  private final Set<String> changelogTopics;
  private final AtomicReference<Exception> sendError = new AtomicReference<>();
  private final Map<TopicPartition, Long> ackedOffsets = new HashMap<>();
  // One callback instance each, so a send allocates no lambda; only changelog acks are tracked.
  private final Callback errorOnly = (metadata, error) -> rememberError(error);
  private final Callback trackingAcks = this::onChangelogAck;

  KafkaRecordCollector(Producer<byte[], byte[]> producer, Set<String> changelogTopics) {
    this.producer = producer;
    this.changelogTopics = changelogTopics;
  }

  @Override
  public void send(
      String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers) {
    checkError();
    producer.send(
        new ProducerRecord<>(topic, partition, timestamp, key, value, headers),
        changelogTopics.contains(topic) ? trackingAcks : errorOnly);
  }

  private void rememberError(Exception error) {
    if (error != null) {
      sendError.compareAndSet(null, error);
    }
  }

  private void onChangelogAck(RecordMetadata metadata, Exception error) {
    if (error != null) {
      rememberError(error);
      return;
    }
    synchronized (ackedOffsets) {
      ackedOffsets.merge(
          new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(), Math::max);
    }
  }

  @Override
  public int partitionCount(String topic) {
    return producer.partitionsFor(topic).size();
  }

  /** Waits until every record sent so far is acknowledged, or fails with the first send error. */
  void flush() {
    producer.flush();
    checkError();
  }

  /**
   * The highest acknowledged offset per changelog partition written so far.
   *
   * @return a copy
   */
  Map<TopicPartition, Long> ackedOffsets() {
    synchronized (ackedOffsets) {
      return new HashMap<>(ackedOffsets);
    }
  }

  private void checkError() {
    Exception error = sendError.get();
    if (error != null) {
      throw new StreamsException(
          "a record could not be written to Kafka: "
              + error
              + "; the thread stops without"
              + " committing the input, so it will be reprocessed",
          error);
    }
  }
}

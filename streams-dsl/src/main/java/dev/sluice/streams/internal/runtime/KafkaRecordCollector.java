package dev.sluice.streams.internal.runtime;

import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.engine.RecordCollector;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 * changelog offsets after a flush.
 *
 * <p>Sends are grouped into batches that {@link #mark()} closes; a closed batch tells when every
 * send in it is acknowledged, so the thread can commit the input a batch covers without waiting for
 * the producer in between ({@link #flush} still waits for everything). Used by one stream thread;
 * producer callbacks run on the producer's I/O thread, hence the atomic error and counts and the
 * synchronized offset map.
 */
final class KafkaRecordCollector implements RecordCollector {
  private final Producer<byte[], byte[]> producer;
  private final AtomicReference<Exception> sendError = new AtomicReference<>();
  private final Map<TopicPartition, Long> ackedOffsets = new HashMap<>();
  private SendBatch open = new SendBatch();

  KafkaRecordCollector(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  /**
   * The sends between two {@link #mark()}s. Its two callbacks are shared by all its sends, so a
   * send allocates no lambda; only changelog acks ({@link #sendChangelog}) are tracked by offset.
   */
  final class SendBatch {
    private final AtomicInteger completed = new AtomicInteger();
    private final Callback errorOnly = (metadata, error) -> complete(null, error);
    private final Callback trackingAcks = this::complete;
    private int sent;

    private void complete(RecordMetadata changelogAck, Exception error) {
      if (error != null) {
        sendError.compareAndSet(null, error);
      } else if (changelogAck != null) {
        synchronized (ackedOffsets) {
          ackedOffsets.merge(
              new TopicPartition(changelogAck.topic(), changelogAck.partition()),
              changelogAck.offset(),
              Math::max);
        }
      }
      completed.incrementAndGet();
    }

    /**
     * Whether every send of this (closed) batch is acknowledged.
     *
     * @return true once all are, and none failed
     * @throws StreamsException if a send (of any batch) failed
     */
    boolean acknowledged() {
      boolean all = completed.get() == sent;
      checkError();
      return all;
    }
  }

  @Override
  public void send(
      String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers) {
    SendBatch batch = opened();
    producer.send(
        new ProducerRecord<>(topic, partition, timestamp, key, value, copyable(headers)),
        batch.errorOnly);
  }

  @Override
  public void sendChangelog(String topic, int partition, long timestamp, byte[] key, byte[] value) {
    SendBatch batch = opened();
    producer.send(
        new ProducerRecord<>(topic, partition, timestamp, key, value), batch.trackingAcks);
  }

  // Fails if an earlier send failed; counts one more send in the open batch.
  private SendBatch opened() {
    checkError();
    SendBatch batch = open;
    batch.sent++;
    return batch;
  }

  // ProducerRecord copies the headers it is given; no headers need no copy.
  private static Headers copyable(Headers headers) {
    return headers == null || headers.toArray().length == 0 ? null : headers;
  }

  /**
   * Closes the current batch of sends; later sends start a new one.
   *
   * @return the closed batch, to ask whether its sends are acknowledged
   */
  SendBatch mark() {
    SendBatch closed = open;
    open = new SendBatch();
    return closed;
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

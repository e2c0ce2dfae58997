package dev.sluice.benchmarks.endtoend;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Poll, process, send (each output record also to a changelog topic, if one is given); every commit
 * interval: let the logic emit what it buffers, flush the producer, then commit the consumed
 * offsets synchronously (at-least-once, like the frameworks).
 */
final class PassthroughLoop implements Runnable {
  private final Map<String, Object> consumerConfig;
  private final Map<String, Object> producerConfig;
  private final Collection<String> inputs;
  private final String output;
  private final String changelog;
  private final PassthroughLogic logic;
  private final long commitIntervalMs;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  PassthroughLoop(
      Map<String, Object> consumerConfig,
      Map<String, Object> producerConfig,
      Collection<String> inputs,
      String output,
      String changelog,
      PassthroughLogic logic,
      long commitIntervalMs) {
    this.consumerConfig = consumerConfig;
    this.producerConfig = producerConfig;
    this.inputs = inputs;
    this.output = output;
    this.changelog = changelog;
    this.logic = logic;
    this.commitIntervalMs = commitIntervalMs;
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> polling =
            new KafkaConsumer<>(
                consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
      consumer = polling;
      polling.subscribe(inputs);
      loop(polling, producer);
    } catch (WakeupException e) {
      if (running) {
        failure.compareAndSet(null, e);
      }
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }

  private void loop(KafkaConsumer<byte[], byte[]> polling, KafkaProducer<byte[], byte[]> producer) {
    Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
    Callback onFailure =
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        };
    BiConsumer<byte[], byte[]> emit =
        (key, value) -> {
          producer.send(new ProducerRecord<>(output, key, value), onFailure);
          if (changelog != null) {
            producer.send(new ProducerRecord<>(changelog, key, value), onFailure);
          }
        };
    long lastCommitMs = System.currentTimeMillis();
    while (running) {
      for (ConsumerRecord<byte[], byte[]> record : polling.poll(Duration.ofMillis(100))) {
        logic.onRecord(record.key(), record.value(), emit);
        consumed.put(
            new TopicPartition(record.topic(), record.partition()),
            new OffsetAndMetadata(record.offset() + 1));
      }
      long now = System.currentTimeMillis();
      if (now - lastCommitMs >= commitIntervalMs) {
        logic.beforeCommit(emit);
        producer.flush();
        if (failure.get() != null) {
          return;
        }
        if (!consumed.isEmpty()) {
          polling.commitSync(consumed);
          consumed.clear();
        }
        lastCommitMs = now;
      }
    }
  }

  /** Asks the loop to stop; it leaves without a final commit. */
  void stop() {
    running = false;
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  /**
   * Why the loop stopped on its own.
   *
   * @return the failure, or null
   */
  Throwable failure() {
    return failure.get();
  }
}

package dev.sluice.benchmarks.endtoend;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces the pre-generated input before a run (not timed): idempotent, large batches. */
final class InputLoader {
  private InputLoader() {}

  /**
   * Sends every record (partitioned by key, as an application's upstream would) and waits until all
   * are acknowledged.
   *
   * @param bootstrapServers the broker
   * @param topic the input topic
   * @param input the records
   * @throws IllegalStateException if any send failed
   */
  static void load(String bootstrapServers, String topic, InputRecords input) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 50);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < input.size(); i++) {
        producer.send(
            new ProducerRecord<>(
                topic, null, input.timestamps()[i], input.keys()[i], input.values()[i]),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("loading " + topic + " failed", failure.get());
    }
  }
}

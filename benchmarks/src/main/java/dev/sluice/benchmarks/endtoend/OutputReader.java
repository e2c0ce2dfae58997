package dev.sluice.benchmarks.endtoend;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.LongDeserializer;

/** Reads a run's output topic after the run, for its check (not timed). */
final class OutputReader {
  private static final Duration READ_DEADLINE = Duration.ofMinutes(2);

  private final String bootstrapServers;
  private final String topic;
  private final Map<TopicPartition, Long> ends;

  OutputReader(String bootstrapServers, String topic, Map<TopicPartition, Long> ends) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.ends = ends;
  }

  /**
   * How many records the topic holds: the sum of its end offsets (nothing is ever deleted).
   *
   * @return the record count
   */
  long recordCount() {
    return Offsets.sum(ends);
  }

  /**
   * Reads the whole topic and keeps the last value per key, decoded as a {@code long}.
   *
   * @return key → last value
   * @throws IllegalStateException if the topic is not read to its end within 2 minutes
   */
  Map<String, Long> latestLongPerKey() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    Map<String, Long> latest = new HashMap<>();
    LongDeserializer longs = new LongDeserializer();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(ends.keySet());
      consumer.seekToBeginning(ends.keySet());
      long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
      while (!atEnd(consumer)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + " not read to its end in " + READ_DEADLINE);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          latest.put(
              new String(record.key(), StandardCharsets.UTF_8),
              longs.deserialize(topic, record.value()));
        }
      }
    }
    return latest;
  }

  private boolean atEnd(KafkaConsumer<byte[], byte[]> consumer) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }
}

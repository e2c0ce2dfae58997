package dev.sluice.streams.internal.runtime;

import dev.sluice.streams.SluiceConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Derives the consumer, producer and admin configs of one application from the user's config: every
 * key kafka-clients knows for that client is passed on, then {@code consumer.}, {@code producer.}
 * and {@code admin.} prefixed keys override, then the settings Sluice relies on are forced (group
 * id, byte-array serdes, manual commits, the task assignor, idempotent acks=all).
 *
 * <p>Defaults that differ from kafka-clients' are Kafka Streams' own, so an application moved from
 * Kafka Streams keeps its throughput and batching: the producer lingers {@value #LINGER_MS} ms
 * (output is flushed at every commit anyway, so lingering costs no latency beyond the commit
 * interval and fills larger batches), and a poll returns up to {@value #MAX_POLL_RECORDS} records.
 * Users override both like any other setting.
 */
final class ClientConfigs {
  /** Default {@code linger.ms} of the producer (Kafka Streams' default). */
  static final int LINGER_MS = 100;

  /** Default {@code max.poll.records} of the main consumer (Kafka Streams' default). */
  static final int MAX_POLL_RECORDS = 1_000;

  private ClientConfigs() {}

  static Map<String, Object> consumer(
      SluiceConfig config, String clientId, Map<String, Object> assignorConfigs) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    copyKnown(config, ConsumerConfig.configNames(), "consumer.", props);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.applicationId());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, TaskAssignor.class.getName());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.putAll(assignorConfigs);
    return props;
  }

  static Map<String, Object> restoreConsumer(SluiceConfig config, String clientId) {
    Map<String, Object> props = new HashMap<>();
    copyKnown(config, ConsumerConfig.configNames(), "consumer.", props);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  static Map<String, Object> producer(SluiceConfig config, String clientId) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    copyKnown(config, ProducerConfig.configNames(), "producer.", props);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  static Map<String, Object> admin(SluiceConfig config, String clientId) {
    Map<String, Object> props = new HashMap<>();
    copyKnown(config, AdminClientConfig.configNames(), "admin.", props);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    return props;
  }

  private static void copyKnown(
      SluiceConfig config, Set<String> known, String prefix, Map<String, Object> props) {
    config
        .values()
        .forEach(
            (key, value) -> {
              if (known.contains(key)) {
                props.put(key, value);
              }
            });
    config
        .values()
        .forEach(
            (key, value) -> {
              if (key.startsWith(prefix)) {
                props.put(key.substring(prefix.length()), value);
              }
            });
  }
}

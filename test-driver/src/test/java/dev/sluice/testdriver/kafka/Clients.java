package dev.sluice.testdriver.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producer, consumer and port plumbing shared by the broker ITs. */
final class Clients {

  private Clients() {}

  /** An idempotent {@code acks=all} producer of string keys and values. */
  static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            60_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000),
        new StringSerializer(),
        new StringSerializer());
  }

  /**
   * Produces {@code count} records keyed and valued {@code "<prefix><i>"}; returns when all are
   * acknowledged.
   */
  static void produce(EmbeddedKafka kafka, String topic, String prefix, int count)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (KafkaProducer<String, String> producer = producer(kafka)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        acks.add(producer.send(new ProducerRecord<>(topic, prefix + i, prefix + i)));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(60, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Reads {@code topic} from the beginning with a new consumer group until {@code expected} records
   * arrived or {@code timeout} passed, then keeps polling briefly so duplicates beyond {@code
   * expected} would show up too.
   *
   * @return the values in arrival order
   */
  static List<String> consume(
      EmbeddedKafka kafka, String topic, String group, int expected, Duration timeout) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                200),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (values.size() < expected && System.nanoTime() - deadline < 0) {
        pollInto(consumer, values, Duration.ofMillis(200));
      }
      // Anything that arrives after the expected count is a duplicate or a stray record.
      pollInto(consumer, values, Duration.ofMillis(500));
      consumer.commitSync(Duration.ofSeconds(10));
    }
    return values;
  }

  /** Whether {@code port} on 127.0.0.1 can be bound, that is, no broker listens on it any more. */
  static boolean portIsFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void pollInto(
      KafkaConsumer<String, String> consumer, List<String> values, Duration timeout) {
    for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
      values.add(record.value());
    }
  }
}

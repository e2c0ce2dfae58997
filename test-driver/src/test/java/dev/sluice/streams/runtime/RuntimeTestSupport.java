package dev.sluice.streams.runtime;

import dev.sluice.streams.StreamsApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing, reading and waiting helpers shared by the runtime integration tests. */
final class RuntimeTestSupport {
  private RuntimeTestSupport() {}

  static Map<String, Object> appConfig(String bootstrap, String appId, Path stateDir) {
    Map<String, Object> config = new HashMap<>();
    config.put("application.id", appId);
    config.put("bootstrap.servers", bootstrap);
    config.put("state.dir", stateDir.toString());
    config.put("commit.interval.ms", 200);
    config.put("consumer.heartbeat.interval.ms", 200);
    config.put("consumer.session.timeout.ms", 6000);
    return config;
  }

  static void produce(String bootstrap, String topic, List<String[]> keyValues) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 5),
            new StringSerializer(),
            new StringSerializer())) {
      for (String[] kv : keyValues) {
        producer.send(new ProducerRecord<>(topic, kv[0], kv[1]));
      }
      producer.flush();
    }
  }

  /** Reads a topic from the beginning until {@code done} says enough, or the deadline passes. */
  static List<ConsumerRecord<String, String>> readUntil(
      String bootstrap,
      String topic,
      Duration timeout,
      java.util.function.Predicate<List<ConsumerRecord<String, String>>> done) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "group.id",
                "reader-" + System.nanoTime(),
                "auto.offset.reset",
                "earliest",
                "isolation.level",
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(records) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  static void awaitState(StreamsApplication app, StreamsApplication.State state) {
    await(
        "application state " + state + " (is " + app.state() + ")",
        Duration.ofSeconds(60),
        () -> app.state() == state);
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

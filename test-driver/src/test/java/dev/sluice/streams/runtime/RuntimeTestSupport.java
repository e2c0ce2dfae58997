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

  /** {@code perKey} records for each of the keys k0..k(keys-1), keys interleaved. */
  static List<String[]> keyedRecords(int keys, int perKey) {
    List<String[]> records = new ArrayList<>();
    for (int i = 0; i < perKey * keys; i++) {
      records.add(new String[] {"k" + (i % keys), "v" + i});
    }
    return records;
  }

  /** The same count for each of the keys k0..k(keys-1). */
  static Map<String, Long> sameCount(int keys, long count) {
    Map<String, Long> counts = new HashMap<>();
    for (int k = 0; k < keys; k++) {
      counts.put("k" + k, count);
    }
    return counts;
  }

  /**
   * Starts {@link ChildApplication} in a new JVM with the test JVM's class path. Its temporary
   * files (RocksDB extracts its native library there) go below {@code scratch}, a directory the
   * test deletes: a child killed with {@code kill -9} cannot delete them itself.
   */
  static Process startChild(Path scratch, String... args) throws IOException {
    Path tmp = Files.createDirectories(scratch.resolve("jvm-tmp"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildApplication.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Copies a child's output lines into a list, on a daemon thread. */
  static Thread pump(Process child, List<String> lines) {
    Thread reader =
        new Thread(
            () -> {
              try (var in =
                  new java.io.BufferedReader(
                      new java.io.InputStreamReader(
                          child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the child is gone
              }
            });
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  /** The latest value per key of a topic whose values are running counts. */
  static Map<String, Long> latestCounts(List<ConsumerRecord<String, Long>> records) {
    Map<String, Long> counts = new HashMap<>();
    records.forEach(r -> counts.merge(r.key(), r.value(), Math::max));
    return counts;
  }

  /** Reads a topic of counts until every key reached at least its expected count. */
  static Map<String, Long> awaitCounts(
      String bootstrap, String topic, Map<String, Long> expected, Duration timeout) {
    List<ConsumerRecord<String, Long>> records = new ArrayList<>();
    try (KafkaConsumer<String, Long> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "group.id",
                "counts-reader-" + System.nanoTime(),
                "auto.offset.reset",
                "earliest"),
            new StringDeserializer(),
            new org.apache.kafka.common.serialization.LongDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        Map<String, Long> latest = latestCounts(records);
        if (expected.entrySet().stream()
            .allMatch(e -> latest.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
          return latest;
        }
      }
    }
    return latestCounts(records);
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

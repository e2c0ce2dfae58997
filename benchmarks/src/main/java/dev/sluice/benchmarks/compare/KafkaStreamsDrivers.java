package dev.sluice.benchmarks.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings for Kafka Streams' {@code TopologyTestDriver} in the side-by-side benchmarks: its
 * defaults (record cache on, but the driver commits, and so flushes the cache, after every record),
 * with a private state directory per trial.
 */
final class KafkaStreamsDrivers {
  /**
   * Overrides that turn the record cache off ({@code statestore.cache.max.bytes} = 0): reads go to
   * the store, as in Sluice's like-for-like rows. The outputs are the same as with the cache, since
   * the driver commits after every record either way.
   */
  static final Map<String, Object> NO_CACHE =
      Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);

  private KafkaStreamsDrivers() {}

  /**
   * A fresh state directory for one trial.
   *
   * @return the directory
   */
  static Path newStateDir() {
    try {
      return Files.createTempDirectory("kafka-streams-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Kafka Streams state directory", e);
    }
  }

  /**
   * Driver properties.
   *
   * @param stateDir where stores live
   * @return application id, a dummy bootstrap address and the state directory
   */
  static Properties properties(Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "compare");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return props;
  }

  /**
   * Deletes a state directory and everything in it.
   *
   * @param root the directory
   */
  static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}

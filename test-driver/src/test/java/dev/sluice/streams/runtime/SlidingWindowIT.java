package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.awaitCounts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.KeyValue;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.SlidingWindows;
import dev.sluice.streams.StreamsApplication;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sliding windows on a real broker: an in-memory window store and its record-times store are
 * rebuilt from their changelogs after a restart, so an out-of-order record afterwards still lands
 * in the right windows (which needs the earlier and later record times of its key).
 */
@Timeout(300)
class SlidingWindowIT {
  private static final String APP = "sliding-app";

  private static Topology slidingCounts() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("sliding-in", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .windowedBy(
            SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(5), Duration.ofMinutes(1)))
        .count(Materialized.<String, Long>as("sliding-counts").inMemory())
        .toStream()
        .map((window, count) -> KeyValue.pair(window.key() + "@" + window.start(), count))
        .to("sliding-out", Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  /**
   * Record times relative to a recent base: changelogs are {@code compact,delete} with a retention
   * of the store's plus one day, so the broker would delete records stamped in 1970 at once.
   */
  private static final long T0 = System.currentTimeMillis() / 1_000 * 1_000 - 60_000;

  private static String window(long start) {
    return "a@" + (T0 + start);
  }

  private static void produce(String bootstrap, String key, long... timestamps) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "acks", "all"),
            new StringSerializer(),
            new StringSerializer())) {
      for (long timestamp : timestamps) {
        producer.send(new ProducerRecord<>("sliding-in", null, T0 + timestamp, key, "x"));
      }
      producer.flush();
    }
  }

  @Test
  void bothStoresAreRestoredFromTheirChangelogsAndAnOutOfOrderRecordLandsInTheRightWindows(
      @TempDir Path stateDir) {
    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("sliding-in", 2);
      kafka.createTopic("sliding-out", 2);

      produce(bootstrap, "a", 10_000, 12_000);
      Map<String, Long> before = Map.of(window(5_000), 1L, window(7_000), 2L, window(10_001), 1L);
      try (StreamsApplication first =
          new StreamsApplication(slidingCounts(), appConfig(bootstrap, APP, stateDir))) {
        first.start();
        assertThat(awaitCounts(bootstrap, "sliding-out", before, Duration.ofSeconds(90)))
            .isEqualTo(before);
      }

      produce(bootstrap, "a", 11_000);
      try (StreamsApplication restarted =
          new StreamsApplication(slidingCounts(), appConfig(bootstrap, APP, stateDir))) {
        restarted.start();
        // records 10, 11 and 12 s: left windows ending at each, right windows after 10 and 11 s
        Map<String, Long> after =
            Map.of(
                window(5_000),
                1L,
                window(6_000),
                2L,
                window(7_000),
                3L,
                window(10_001),
                2L,
                window(11_001),
                1L);

        assertThat(awaitCounts(bootstrap, "sliding-out", after, Duration.ofSeconds(90)))
            .isEqualTo(after);
        assertThat(restarted.restoredRecords())
            .as("in-memory stores rebuilt from both changelogs")
            .isPositive();
      }
    }
  }
}

package dev.sluice.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDB;

/**
 * Kafka Streams 4.3.1 was built against rocksdbjni 10.x; the benchmarks JVM has only the library's
 * 11.8.1. This checks that Kafka Streams' RocksDB key-value and window stores work on it, so the
 * stateful comparisons measure a working Kafka Streams.
 */
class KafkaStreamsOnLibraryRocksDbTest {
  @TempDir Path stateDir;

  @Test
  void theJvmHasTheLibrarysRocksDb() {
    RocksDB.loadLibrary();
    assertThat(RocksDB.rocksdbVersion().toString()).startsWith("11.8.1");
  }

  @Test
  void kafkaStreamsCountsInARocksDbKeyValueAndWindowStore() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> in =
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
    in.groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
        .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts"))
        .toStream()
        .to("counts-out", Produced.with(Serdes.String(), Serdes.Long()));
    in.groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1)))
        .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("window-counts"));

    try (TopologyTestDriver driver =
        new TopologyTestDriver(builder.build(), KafkaStreamsDrivers.properties(stateDir))) {
      TestInputTopic<String, String> input =
          driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
      Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
      input.pipeInput("a", "1", t0);
      input.pipeInput("b", "2", t0.plusSeconds(1));
      input.pipeInput("a", "3", t0.plusSeconds(61));

      assertThat(driver.getTimestampedKeyValueStore("counts").persistent()).isTrue();
      assertThat(driver.<String, Long>getTimestampedKeyValueStore("counts").get("a").value())
          .isEqualTo(2L);
      assertThat(
              driver
                  .<String, Long>getTimestampedWindowStore("window-counts")
                  .fetch("a", t0.toEpochMilli())
                  .value())
          .isEqualTo(1L);
      assertThat(
              driver
                  .createOutputTopic("counts-out", new StringDeserializer(), new LongDeserializer())
                  .readKeyValuesToList())
          .containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("b", 1L), KeyValue.pair("a", 2L));
    }
  }
}

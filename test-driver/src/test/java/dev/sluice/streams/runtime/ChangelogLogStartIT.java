package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.awaitCounts;
import static dev.sluice.streams.runtime.RuntimeTestSupport.awaitState;
import static dev.sluice.streams.runtime.RuntimeTestSupport.produce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsApplication;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.TimeWindows;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changelog whose log no longer starts at offset 0 (the broker deleted its oldest records, as it
 * does for windowed {@code compact,delete} changelogs) is restored from where it starts, instead of
 * failing the stream thread on an out-of-range offset.
 */
@Timeout(300)
class ChangelogLogStartIT {
  private static final String APP = "log-start-app";
  private static final String CHANGELOG = APP + "-counts-changelog";
  private static final int KEYS = 50;
  private static final int PARTITIONS = 4;

  @Test
  void aNewInstanceRestoresFromTheChangelogsLogStart(@TempDir Path first, @TempDir Path second)
      throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("log-start-in", PARTITIONS);
      kafka.createTopic("log-start-out", PARTITIONS);

      produce(bootstrap, "log-start-in", RuntimeTestSupport.keyedRecords(KEYS, 10));
      try (StreamsApplication app = counting(bootstrap, first)) {
        app.start();
        awaitCounts(bootstrap, "log-start-out", expected(10), Duration.ofSeconds(90));
      }
      Map<TopicPartition, Long> firstRoundEnds = changelogEnds(bootstrap);
      produce(bootstrap, "log-start-in", RuntimeTestSupport.keyedRecords(KEYS, 10));
      try (StreamsApplication app = counting(bootstrap, first)) {
        app.start();
        awaitCounts(bootstrap, "log-start-out", expected(20), Duration.ofSeconds(90));
      }
      long changelogTotal = sum(changelogEnds(bootstrap));
      deleteBefore(bootstrap, firstRoundEnds);

      produce(bootstrap, "log-start-in", RuntimeTestSupport.keyedRecords(KEYS, 1));
      try (StreamsApplication fresh = counting(bootstrap, second)) {
        fresh.start();
        awaitState(fresh, StreamsApplication.State.RUNNING);
        assertThat(awaitCounts(bootstrap, "log-start-out", expected(21), Duration.ofSeconds(120)))
            .as("every key's count continues from the records left in the changelog")
            .isEqualTo(expected(21));
        assertThat(fresh.restoredRecords())
            .as("restored from the log start, every record after it")
            .isEqualTo(changelogTotal - sum(firstRoundEnds));
      }
    }
  }

  /**
   * A windowed count per key (its changelog is {@code compact,delete}, so the broker may delete its
   * oldest records); the windows are 1,000 days long, so every record of this test is in one.
   */
  private static StreamsApplication counting(String bootstrap, Path stateDir) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("log-start-in", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofDays(1_000)))
        .count(
            Materialized.<String, Long>as("counts")
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long())
                .withCachingDisabled())
        .toStream()
        .selectKey((window, count) -> window.key())
        .to("log-start-out", Produced.with(Serdes.String(), Serdes.Long()));
    return new StreamsApplication(builder.build(), appConfig(bootstrap, APP, stateDir));
  }

  private static Map<String, Long> expected(long count) {
    return RuntimeTestSupport.sameCount(KEYS, count);
  }

  private static Map<TopicPartition, Long> changelogEnds(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int p = 0; p < PARTITIONS; p++) {
        request.put(new TopicPartition(CHANGELOG, p), OffsetSpec.latest());
      }
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin
          .listOffsets(request)
          .all()
          .get()
          .forEach((partition, info) -> ends.put(partition, info.offset()));
      return ends;
    }
  }

  private static void deleteBefore(String bootstrap, Map<TopicPartition, Long> offsets)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, RecordsToDelete> request = new HashMap<>();
      offsets.forEach(
          (partition, offset) -> request.put(partition, RecordsToDelete.beforeOffset(offset)));
      admin.deleteRecords(request).all().get();
    }
  }

  private static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }
}

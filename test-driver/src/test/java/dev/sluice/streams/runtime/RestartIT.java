package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.await;
import static dev.sluice.streams.runtime.RuntimeTestSupport.awaitCounts;
import static dev.sluice.streams.runtime.RuntimeTestSupport.awaitState;
import static dev.sluice.streams.runtime.RuntimeTestSupport.produce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.StreamsApplication;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores on restart: after a clean shutdown nothing is restored; after {@code kill -9} only the
 * changelog tail written since the last checkpoint is restored, never the whole changelog.
 */
@Timeout(300)
class RestartIT {
  private static final String APP = "restart-app";
  private static final int KEYS = 50;

  @Test
  void cleanRestartRestoresNothingAndACrashRestoresOnlyTheTail(@TempDir Path stateDir)
      throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("restart-in", 4);
      kafka.createTopic("restart-out", 4);

      produce(bootstrap, "restart-in", records(40));
      try (StreamsApplication first = counting(bootstrap, stateDir)) {
        first.start();
        assertThat(awaitCounts(bootstrap, "restart-out", expected(40), Duration.ofSeconds(90)))
            .isEqualTo(expected(40));
        assertThat(first.restoredRecords()).isZero();
      }

      produce(bootstrap, "restart-in", records(40));
      try (StreamsApplication restarted = counting(bootstrap, stateDir)) {
        restarted.start();
        awaitState(restarted, StreamsApplication.State.RUNNING);
        assertThat(awaitCounts(bootstrap, "restart-out", expected(80), Duration.ofSeconds(90)))
            .as("counts continue from the kept state")
            .isEqualTo(expected(80));
        assertThat(restarted.restoredRecords()).as("clean restart restores nothing").isZero();
      }

      long checkpointedChangelog = endOffsetsSum(bootstrap, APP + "-counts-changelog");
      produce(bootstrap, "restart-in", records(4_000));
      // The crashing instance never reaches its (10-minute) commit: everything it writes to the
      // changelog is the tail that the next start must restore, and nothing before it.
      Process child =
          RuntimeTestSupport.startChild(
              stateDir,
              bootstrap,
              APP,
              stateDir.toString(),
              "restart-in",
              "restart-out",
              "counts",
              "600000");
      List<String> childOutput = new CopyOnWriteArrayList<>();
      RuntimeTestSupport.pump(child, childOutput);
      try {
        Map<String, Long> midway =
            awaitCounts(bootstrap, "restart-out", expected(160), Duration.ofSeconds(90));
        assertThat(midway)
            .as("the child processes (its output: %s)", childOutput)
            .allSatisfy((key, count) -> assertThat(count).isGreaterThanOrEqualTo(160));
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        child.destroyForcibly();
      }
      long changelogRecords = endOffsetsSum(bootstrap, APP + "-counts-changelog");

      try (StreamsApplication afterCrash = counting(bootstrap, stateDir)) {
        afterCrash.start();
        Map<String, Long> counts =
            awaitCounts(bootstrap, "restart-out", expected(4_080), Duration.ofSeconds(180));
        await(
            "restoration",
            Duration.ofSeconds(30),
            () -> afterCrash.state() == StreamsApplication.State.RUNNING);
        long restored = afterCrash.restoredRecords();
        System.out.printf(
            "RestartIT: after kill -9 restored %d of %d changelog records%n",
            restored, changelogRecords);
        assertThat(restored)
            .as("exactly the tail written after the last checkpoint is restored")
            .isEqualTo(changelogRecords - checkpointedChangelog)
            .isPositive();
        assertThat(counts)
            .as("no input lost")
            .allSatisfy((key, count) -> assertThat(count).isGreaterThanOrEqualTo(4_080));
      }
    }
  }

  private static StreamsApplication counting(String bootstrap, Path stateDir) {
    return new StreamsApplication(
        CountingTopology.build("restart-in", "restart-out"), appConfig(bootstrap, APP, stateDir));
  }

  private static List<String[]> records(int perKey) {
    return RuntimeTestSupport.keyedRecords(KEYS, perKey);
  }

  private static Map<String, Long> expected(long count) {
    return RuntimeTestSupport.sameCount(KEYS, count);
  }

  private static long endOffsetsSum(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      return admin.listOffsets(request).all().get().values().stream()
          .mapToLong(info -> info.offset())
          .sum();
    }
  }
}

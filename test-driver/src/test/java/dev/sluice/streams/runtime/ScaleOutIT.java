package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.await;
import static dev.sluice.streams.runtime.RuntimeTestSupport.awaitCounts;
import static dev.sluice.streams.runtime.RuntimeTestSupport.produce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.StreamsApplication;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One instance counts alone; two more join. The tasks spread over all three, the moved tasks'
 * counts are rebuilt from the changelog on their new instances, and the final counts are exact.
 */
@Timeout(300)
class ScaleOutIT {
  private static final int KEYS = 60;

  @Test
  void tasksAndTheirStateSpreadAcrossThreeInstancesWithExactCounts(
      @TempDir Path dirA, @TempDir Path dirB, @TempDir Path dirC) {
    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("scale-in", 6);
      kafka.createTopic("scale-out", 6);
      produce(bootstrap, "scale-in", records(50));
      List<StreamsApplication> apps = new ArrayList<>();
      try {
        StreamsApplication first = start(bootstrap, dirA, apps);
        await(
            "the first instance to own all 6 tasks",
            Duration.ofSeconds(60),
            () -> first.localTasks().size() == 6);
        assertThat(awaitCounts(bootstrap, "scale-out", expected(50), Duration.ofSeconds(90)))
            .isEqualTo(expected(50));

        StreamsApplication second = start(bootstrap, dirB, apps);
        StreamsApplication third = start(bootstrap, dirC, apps);
        await(
            "tasks to spread 2/2/2 (now "
                + apps.stream().map(StreamsApplication::localTasks).toList()
                + ")",
            Duration.ofSeconds(90),
            () -> apps.stream().allMatch(app -> app.localTasks().size() == 2));
        await(
            "every instance to run",
            Duration.ofSeconds(60),
            () -> apps.stream().allMatch(app -> app.state() == StreamsApplication.State.RUNNING));
        produce(bootstrap, "scale-in", records(50));

        Map<String, Long> counts =
            awaitCounts(bootstrap, "scale-out", expected(100), Duration.ofSeconds(120));
        assertThat(counts)
            .as("exact counts: nothing lost, nothing counted twice")
            .isEqualTo(expected(100));

        Set<String> all = new HashSet<>();
        apps.forEach(app -> all.addAll(app.localTasks()));
        assertThat(all).hasSize(6);
        assertThat(second.restoredRecords())
            .as("moved state rebuilt from the changelog")
            .isPositive();
        assertThat(third.restoredRecords())
            .as("moved state rebuilt from the changelog")
            .isPositive();
        System.out.printf(
            "ScaleOutIT: restored %d and %d changelog records on the new instances%n",
            second.restoredRecords(), third.restoredRecords());
      } finally {
        apps.forEach(app -> app.close(Duration.ofSeconds(60)));
      }
    }
  }

  private static StreamsApplication start(
      String bootstrap, Path dir, List<StreamsApplication> apps) {
    StreamsApplication app =
        new StreamsApplication(
            CountingTopology.build("scale-in", "scale-out"),
            appConfig(bootstrap, "scale-app", dir));
    apps.add(app);
    app.start();
    return app;
  }

  private static List<String[]> records(int perKey) {
    return RuntimeTestSupport.keyedRecords(KEYS, perKey);
  }

  private static Map<String, Long> expected(long count) {
    return RuntimeTestSupport.sameCount(KEYS, count);
  }
}

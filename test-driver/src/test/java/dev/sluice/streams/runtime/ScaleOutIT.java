package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.await;
import static dev.sluice.streams.runtime.RuntimeTestSupport.produce;
import static dev.sluice.streams.runtime.RuntimeTestSupport.readUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.StreamsApplication;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One instance starts alone; two more join; the tasks spread over all three, nothing is lost. */
@Timeout(240)
class ScaleOutIT {

  @Test
  void tasksSpreadAcrossThreeInstancesAndNoInputIsLost(
      @TempDir Path dirA, @TempDir Path dirB, @TempDir Path dirC) {
    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("scale-in", 6);
      kafka.createTopic("scale-out", 6);
      produce(bootstrap, "scale-in", numbers(0, 3_000));
      List<StreamsApplication> apps = new ArrayList<>();
      try {
        StreamsApplication first = start(bootstrap, dirA, apps);
        await(
            "the first instance to own all 6 tasks",
            Duration.ofSeconds(60),
            () -> first.localTasks().size() == 6);
        readUntil(bootstrap, "scale-out", Duration.ofSeconds(60), r -> r.size() >= 500);

        StreamsApplication second = start(bootstrap, dirB, apps);
        StreamsApplication third = start(bootstrap, dirC, apps);
        produce(bootstrap, "scale-in", numbers(3_000, 6_000));
        await(
            "tasks to spread 2/2/2 (now "
                + apps.stream().map(StreamsApplication::localTasks).toList()
                + ")",
            Duration.ofSeconds(90),
            () -> apps.stream().allMatch(app -> app.localTasks().size() == 2));

        Set<String> all = new HashSet<>();
        apps.forEach(app -> all.addAll(app.localTasks()));
        assertThat(all).hasSize(6);
        assertThat(second.localTasks()).doesNotContainAnyElementsOf(third.localTasks());

        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 6_000; i += 2) {
          expected.add("even-" + i);
        }
        List<ConsumerRecord<String, String>> out =
            readUntil(
                bootstrap,
                "scale-out",
                Duration.ofSeconds(120),
                r -> values(r).containsAll(expected));
        assertThat(values(out)).containsAll(expected);
        System.out.printf(
            "ScaleOutIT: %d outputs for %d expected, %d duplicates%n",
            out.size(), expected.size(), out.size() - values(out).size());
      } finally {
        apps.forEach(app -> app.close(Duration.ofSeconds(60)));
      }
    }
  }

  private static StreamsApplication start(
      String bootstrap, Path dir, List<StreamsApplication> apps) {
    StreamsApplication app =
        new StreamsApplication(
            StatelessRuntimeIT.upperCaseEvens("scale-in", "scale-out"),
            appConfig(bootstrap, "scale-app", dir));
    apps.add(app);
    app.start();
    return app;
  }

  private static Set<String> values(List<ConsumerRecord<String, String>> records) {
    Set<String> values = new HashSet<>();
    records.forEach(r -> values.add(r.value()));
    return values;
  }

  private static List<String[]> numbers(int from, int to) {
    List<String[]> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(new String[] {"k" + (i % 53), String.valueOf(i)});
    }
    return records;
  }
}

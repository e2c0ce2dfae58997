package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.awaitCounts;
import static dev.sluice.streams.runtime.RuntimeTestSupport.produce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.Grouped;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsApplication;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The same topology and input give the same final table on a 4-partition broker as offline. */
@Timeout(240)
class DriverEquivalenceIT {

  @Test
  void anAggregationOverFourPartitionsMatchesTheTestDriver(@TempDir Path stateDir) {
    Random random = new Random(2026);
    List<String[]> input = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      input.add(new String[] {"user-" + random.nextInt(300), "click-" + i});
    }
    Map<String, Long> offline;
    try (TopologyTestDriver driver = new TopologyTestDriver(topology())) {
      TestInputTopic<String, String> in =
          driver.inputTopic("clicks", Serdes.String(), Serdes.String());
      input.forEach(kv -> in.pipe(kv[0], kv[1]));
      offline = driver.outputTopic("click-counts", Serdes.String(), Serdes.Long()).readToMap();
    }

    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("clicks", 4);
      kafka.createTopic("click-counts", 4);
      produce(bootstrap, "clicks", input);
      var config = appConfig(bootstrap, "equivalence-app", stateDir);
      config.put("num.stream.threads", 2);
      try (StreamsApplication app = new StreamsApplication(topology(), config)) {
        app.start();
        Map<String, Long> online =
            awaitCounts(bootstrap, "click-counts", offline, Duration.ofSeconds(120));

        assertThat(online).isEqualTo(offline);
        assertThat(app.localTasks()).hasSize(4);
      }
    }
  }

  private static Topology topology() {
    return CountingTopology.build("clicks", "click-counts");
  }

  /** Clicks counted per page: a key change, so records cross a repartition topic. */
  private static Topology pageCounts() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("page-clicks", Consumed.with(Serdes.String(), Serdes.String()))
        .groupBy((user, page) -> page, Grouped.with(Serdes.String(), Serdes.String()))
        .count(Materialized.as("page-counts"))
        .toStream()
        .to("page-counts-out", Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  @Test
  void aDslCountBehindARepartitionTopicMatchesTheTestDriver(@TempDir Path stateDir) {
    Random random = new Random(7);
    List<String[]> input = new ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      input.add(new String[] {"user-" + random.nextInt(500), "page-" + random.nextInt(40)});
    }
    Map<String, Long> offline;
    try (TopologyTestDriver driver = new TopologyTestDriver(pageCounts())) {
      TestInputTopic<String, String> in =
          driver.inputTopic("page-clicks", Serdes.String(), Serdes.String());
      input.forEach(kv -> in.pipe(kv[0], kv[1]));
      offline = driver.outputTopic("page-counts-out", Serdes.String(), Serdes.Long()).readToMap();
    }
    assertThat(offline).hasSize(40);

    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("page-clicks", 4);
      kafka.createTopic("page-counts-out", 4);
      produce(bootstrap, "page-clicks", input);
      try (StreamsApplication app =
          new StreamsApplication(pageCounts(), appConfig(bootstrap, "pages-app", stateDir))) {
        app.start();
        Map<String, Long> online =
            awaitCounts(bootstrap, "page-counts-out", offline, Duration.ofSeconds(120));

        assertThat(online).isEqualTo(offline);
        assertThat(app.localTasks()).as("4 tasks per sub-topology").hasSize(8);
      }
    }
  }
}

package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.awaitCounts;
import static dev.sluice.streams.runtime.RuntimeTestSupport.produce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.StreamsApplication;
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
}

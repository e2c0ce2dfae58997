package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void filterAndMapValuesReachTheSink() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .filter((k, v) -> v.startsWith("a"))
        .mapValues(v -> v.toUpperCase())
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      TestOutputTopic<String, String> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String());
      in.pipe("k1", "apple", 5L);
      in.pipe("k2", "banana", 6L);
      assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("k1", "APPLE"));
    }
  }
}

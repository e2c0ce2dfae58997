package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.state.KeyValueStore;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.Record;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processor API steps with state stores, through the test driver. */
class StateStoreTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  /** Keeps the last value per key in store "last" and forwards the previous one. */
  private static final class LastValue implements Processor<String, String, String, String> {
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, String> last;

    @Override
    public void init(ProcessorContext<String, String> context) {
      this.context = context;
      this.last = context.getStateStore("last");
    }

    @Override
    public void process(Record<String, String> record) {
      String previous = last.get(record.key());
      last.put(record.key(), record.value());
      context.forward(record.withValue(previous == null ? "-" : previous));
    }
  }

  private static Topology lastValue() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Materialized.<String, String>as("last")
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.String()));
    builder.stream("in", STRINGS)
        .process(LastValue::new, "last")
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  @Test
  void aProcessorReadsAndWritesItsStoreAndTheDriverReadsItToo() {
    try (TopologyTestDriver driver = new TopologyTestDriver(lastValue())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "1");
      in.pipe("k", "2");
      in.pipe("j", "3");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("-", "1", "-");
      KeyValueStore<String, String> store = driver.keyValueStore("last");
      assertThat(store.get("k")).isEqualTo("2");
      assertThat(store.get("j")).isEqualTo("3");
    }
  }

  @Test
  void writesGoToTheChangelogTopicNamedAfterTheApplicationAndTheStore() {
    try (TopologyTestDriver driver =
        new TopologyTestDriver(lastValue(), Map.of(SluiceConfig.APPLICATION_ID, "shop"))) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "1");
      in.pipe("k", "2");

      assertThat(
              driver
                  .outputTopic("shop-last-changelog", Serdes.String(), Serdes.String())
                  .readKeyValuesToList())
          .containsExactly(KeyValue.pair("k", "1"), KeyValue.pair("k", "2"));
    }
  }

  @Test
  void readingAStoreThatDoesNotExistListsTheStores() {
    try (TopologyTestDriver driver = new TopologyTestDriver(lastValue())) {
      assertThatThrownBy(() -> driver.keyValueStore("lats"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the topology has no store named 'lats'; its stores are [last]");
    }
  }

  @Test
  void aGivenStateDirIsUsedAndKeptAndPersistentStoresSurviveADriver(@TempDir Path dir) {
    Map<String, Object> config = Map.of(SluiceConfig.STATE_DIR, dir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(lastValue(), config)) {
      driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "1");
    }
    assertThat(Files.isDirectory(dir.resolve("0_0").resolve("last"))).isTrue();

    try (TopologyTestDriver driver = new TopologyTestDriver(lastValue(), config)) {
      assertThat(driver.<String, String>keyValueStore("last").get("k")).isEqualTo("1");
    }
  }
}

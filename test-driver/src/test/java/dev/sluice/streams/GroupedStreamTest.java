package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.InternalTopic;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** groupByKey / groupBy with count, reduce and aggregate, through the test driver. */
class GroupedStreamTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Produced<String, Long> COUNTS =
      Produced.with(Serdes.String(), Serdes.Long());

  private static TestInputTopic<String, String> in(TopologyTestDriver driver) {
    return driver.inputTopic("in", Serdes.String(), Serdes.String());
  }

  private static TestOutputTopic<String, Long> counts(TopologyTestDriver driver) {
    return driver.outputTopic("out", Serdes.String(), Serdes.Long());
  }

  private static Topology countByKey() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .groupByKey()
        .count(Materialized.as("counts"))
        .toStream()
        .to("out", COUNTS);
    return builder.build();
  }

  @Test
  void countEmitsEveryUpdateAndKeepsTheCountsInItsStore() {
    try (TopologyTestDriver driver = new TopologyTestDriver(countByKey())) {
      in(driver).pipe("a", "x");
      in(driver).pipe("b", "y");
      in(driver).pipe("a", "z");

      assertThat(counts(driver).readKeyValuesToList())
          .containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("b", 1L), KeyValue.pair("a", 2L));
      assertThat(driver.<String, Long>keyValueStore("counts").get("a")).isEqualTo(2L);
      assertThat(driver.<String, Long>keyValueStore("counts").get("b")).isEqualTo(1L);
    }
  }

  @Test
  void reduceCombinesTheValuesOfEachKey() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .groupByKey()
        .reduce((aggregate, value) -> aggregate + "+" + value)
        .toStream()
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      in(driver).pipe("a", "x");
      in(driver).pipe("b", "y");
      in(driver).pipe("a", "z");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("a", "x"), KeyValue.pair("b", "y"), KeyValue.pair("a", "x+z"));
    }
  }

  @Test
  void aggregateFoldsIntoAnotherTypeWithTheMaterializedSerdes() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .groupByKey()
        .aggregate(
            () -> 0,
            (key, value, total) -> total + value.length(),
            Materialized.with(Serdes.String(), Serdes.Integer()))
        .toStream()
        .to("out", Produced.with(Serdes.String(), Serdes.Integer()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      in(driver).pipe("a", "xx");
      in(driver).pipe("a", "yyy");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.Integer()).readKeyValuesToList())
          .containsExactly(KeyValue.pair("a", 2), KeyValue.pair("a", 5));
    }
  }

  @Test
  void nullKeysAndNullValuesAreDroppedAndCounted() {
    try (TopologyTestDriver driver = new TopologyTestDriver(countByKey())) {
      in(driver).pipe(null, "x");
      in(driver).pipe("a", null);
      in(driver).pipe("a", "y");

      assertThat(counts(driver).readKeyValuesToList()).containsExactly(KeyValue.pair("a", 1L));
      assertThat(driver.skippedRecords()).isEqualTo(2);
    }
  }

  @Test
  void outOfOrderRecordsAreCountedInArrivalOrderAndKeepTheirTimestamps() {
    try (TopologyTestDriver driver = new TopologyTestDriver(countByKey())) {
      in(driver).pipe("a", "x", 100L);
      in(driver).pipe("a", "y", 50L);
      in(driver).pipe("a", "z", 75L);

      assertThat(counts(driver).readAll())
          .extracting(TestRecord::value, TestRecord::timestamp)
          .containsExactly(tuple(1L, 100L), tuple(2L, 50L), tuple(3L, 75L));
    }
  }

  @Test
  void aKeyChangeBeforeAnAggregationRepartitionsThroughAnInternalTopic() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .selectKey((key, value) -> value)
        .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
        .count(Materialized.as("by-value"))
        .toStream()
        .to("out", COUNTS);
    Topology topology = builder.build();

    assertThat(topology.subTopologyCount()).isEqualTo(2);
    assertThat(topology.describe().text())
        .contains("Sink: from-in.selectKey-repartition-sink (topic: from-in.selectKey-repartition)")
        .contains(
            "from-in.selectKey-repartition (repartition, written by sub-topology 0, read by"
                + " sub-topology 1)");
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      in(driver).pipe("1", "a");
      in(driver).pipe("2", "b");
      in(driver).pipe("3", "a");

      assertThat(counts(driver).readKeyValuesToList())
          .containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("b", 1L), KeyValue.pair("a", 2L));
      assertThat(
              driver
                  .outputTopic(
                      "test-from-in.selectKey-repartition", Serdes.String(), Serdes.String())
                  .readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("a", "a"), KeyValue.pair("b", "b"), KeyValue.pair("a", "a"));
    }
  }

  @Test
  void twoAggregationsAfterOneKeyChangeShareOneRepartitionTopic() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> byValue = builder.stream("in", STRINGS).selectKey((k, v) -> v);
    byValue
        .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
        .count()
        .toStream()
        .to("out", COUNTS);
    byValue
        .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
        .reduce((aggregate, value) -> aggregate + value)
        .toStream()
        .to("joined", Produced.with(Serdes.String(), Serdes.String()));
    CompiledTopology topology = (CompiledTopology) builder.build();

    assertThat(topology.internalTopics())
        .filteredOn(topic -> topic.kind() == InternalTopic.Kind.REPARTITION)
        .extracting(InternalTopic::name)
        .containsExactly("from-in.selectKey-repartition");
    assertThat(topology.subTopologyCount()).isEqualTo(2);
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      in(driver).pipe("1", "a");
      in(driver).pipe("2", "a");

      assertThat(counts(driver).readKeyValuesToList())
          .containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("a", 2L));
      assertThat(driver.outputTopic("joined", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("a", "aa");
    }
  }

  @Test
  void groupByUsesTheGroupedNameForItsRepartitionTopic() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .groupBy(
            (key, value) -> value.substring(0, 1),
            Grouped.<String, String>as("by-initial").withKeySerde(Serdes.String()))
        .count(Materialized.as("initials"))
        .toStream()
        .to("out", COUNTS);
    CompiledTopology topology = (CompiledTopology) builder.build();

    assertThat(topology.forApplication("shop").internalTopics())
        .extracting(InternalTopic::name, InternalTopic::kind)
        .containsExactly(
            tuple("shop-by-initial-repartition", InternalTopic.Kind.REPARTITION),
            tuple("shop-initials-changelog", InternalTopic.Kind.CHANGELOG));
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      in(driver).pipe("1", "apple");
      in(driver).pipe("2", "avocado");
      in(driver).pipe("3", "banana");

      assertThat(driver.<String, Long>keyValueStore("initials").get("a")).isEqualTo(2L);
      assertThat(driver.<String, Long>keyValueStore("initials").get("b")).isEqualTo(1L);
    }
  }

  @Test
  void withACacheUpdatesAreEmittedOncePerKeyAtEachCommit() {
    Map<String, Object> config =
        Map.of("state.cache.bytes", 1 << 20, SluiceConfig.COMMIT_INTERVAL_MS, 1000);
    try (TopologyTestDriver driver = new TopologyTestDriver(countByKey(), config)) {
      in(driver).pipe("a", "x");
      in(driver).pipe("a", "y");
      in(driver).pipe("b", "z");
      in(driver).pipe("a", "w");

      assertThat(counts(driver).isEmpty()).as("nothing before the commit").isTrue();
      assertThat(driver.<String, Long>keyValueStore("counts").get("a")).isEqualTo(3L);
      driver.advanceWallClock(Duration.ofMillis(999));
      assertThat(counts(driver).isEmpty()).isTrue();
      driver.advanceWallClock(Duration.ofMillis(1));

      assertThat(counts(driver).readKeyValuesToList())
          .containsExactlyInAnyOrder(KeyValue.pair("a", 3L), KeyValue.pair("b", 1L));
      assertThat(
              driver
                  .outputTopic("test-counts-changelog", Serdes.String(), Serdes.Long())
                  .readKeyValuesToList())
          .containsExactlyInAnyOrder(KeyValue.pair("a", 3L), KeyValue.pair("b", 1L));
    }
  }

  @Test
  void aStoreWithCachingDisabledEmitsEveryUpdateEvenWhenCachesAreOn() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .groupByKey()
        .count(Materialized.<String, Long>as("counts").withCachingDisabled())
        .toStream()
        .to("out", COUNTS);
    Map<String, Object> config = Map.of("state.cache.bytes", 1 << 20);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
      in(driver).pipe("a", "x");
      in(driver).pipe("a", "y");

      assertThat(counts(driver).readValuesToList()).containsExactly(1L, 2L);
    }
  }

  @Test
  void cachedUpdatesStillPendingAreEmittedWhenTheDriverCloses() {
    Map<String, Object> config = Map.of("state.cache.bytes", 1 << 20);
    TestOutputTopic<String, Long> out;
    try (TopologyTestDriver driver = new TopologyTestDriver(countByKey(), config)) {
      in(driver).pipe("a", "x");
      in(driver).pipe("a", "y");
      out = counts(driver);
    }
    assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a", 2L));
  }

  @Test
  void statefulStepsWithoutSerdesAndClashingStoresFailTheBuildTogether() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> in = builder.stream("in", STRINGS);
    in.groupByKey().aggregate(() -> 0, (k, v, total) -> total + 1);
    in.groupByKey().count(Materialized.as("same"));
    in.groupByKey().count(Named.as("other-count"), Materialized.as("same"));
    in.map((k, v) -> KeyValue.pair(v.length(), v)).groupByKey().count();

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            TopologyException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "step 'from-in.aggregate' has no value serde for its store"
                            + " 'from-in.aggregate-store': pass Materialized.with(keySerde,"
                            + " valueSerde) (or Grouped.with for the key), or create the builder"
                            + " with StreamsBuilder.withDefaultSerdes",
                        "store name 'same' is used by 2 steps (from-in.count, other-count): give"
                            + " each store its own name with Materialized.as(name)",
                        "Sink 'from-in.map-repartition-sink' (topic from-in.map-repartition) has no"
                            + " key serde: no upstream serde is known after [from-in.map]; pass"
                            + " Grouped.with(keySerde, valueSerde) to the grouping or create the"
                            + " builder with StreamsBuilder.withDefaultSerdes",
                        "Sink 'from-in.map-repartition-sink' (topic from-in.map-repartition) has no"
                            + " value serde: no upstream serde is known after [from-in.map]; pass"
                            + " Grouped.with(keySerde, valueSerde) to the grouping or create the"
                            + " builder with StreamsBuilder.withDefaultSerdes",
                        "step 'from-in.map.count' has no key serde for its store"
                            + " 'from-in.map.count-store': pass Materialized.with(keySerde,"
                            + " valueSerde) (or Grouped.with for the key), or create the builder"
                            + " with StreamsBuilder.withDefaultSerdes"));
  }

  @Test
  void countsInAPersistentStoreSurviveADriverRestartOnTheSameStateDir(@TempDir Path dir) {
    Map<String, Object> config = Map.of(SluiceConfig.STATE_DIR, dir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(countByKey(), config)) {
      in(driver).pipe("a", "x");
      in(driver).pipe("a", "y");
    }
    try (TopologyTestDriver driver = new TopologyTestDriver(countByKey(), config)) {
      in(driver).pipe("a", "z");

      assertThat(counts(driver).readKeyValuesToList()).containsExactly(KeyValue.pair("a", 3L));
    }
  }
}

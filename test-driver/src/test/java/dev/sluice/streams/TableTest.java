package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.KeyValueStore;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables: sources, toTable, filter, mapValues, toStream and re-grouping, through the driver. */
class TableTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Produced<String, String> OUT =
      Produced.with(Serdes.String(), Serdes.String());

  private static TestInputTopic<String, String> topic(TopologyTestDriver driver, String name) {
    return driver.inputTopic(name, Serdes.String(), Serdes.String());
  }

  private static TestOutputTopic<String, String> out(TopologyTestDriver driver) {
    return driver.outputTopic("out", Serdes.String(), Serdes.String());
  }

  @Test
  void aTableKeepsTheLatestValuePerKeyAndTombstonesDelete() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.table("users", STRINGS, Materialized.as("users")).toStream().to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> users = topic(driver, "users");
      users.pipe("a", "1");
      users.pipe("b", "2");
      users.pipe("a", "3");
      users.pipe("a", null);
      users.pipe("c", null); // deleting an absent key changes nothing
      users.pipe(null, "4"); // a row needs a key

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("a", "1"),
              KeyValue.pair("b", "2"),
              KeyValue.pair("a", "3"),
              KeyValue.pair("a", null));
      KeyValueStore<String, String> store = driver.keyValueStore("users");
      assertThat(store.get("a")).isNull();
      assertThat(store.get("b")).isEqualTo("2");
      assertThat(driver.skippedRecords()).isEqualTo(1);
    }
  }

  @Test
  void aTableSourceIsRestoredFromItsTopicAndHasNoChangelogOfItsOwn() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.table("users", STRINGS, Materialized.as("users"));

    Topology topology = builder.build();

    assertThat(topology.describe().text()).doesNotContain("changelog");
  }

  @Test
  void toTableReadsAStreamAsAChangelog() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).toTable(Materialized.as("latest")).toStream().to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      topic(driver, "in").pipe("a", "1");
      topic(driver, "in").pipe("a", "2");
      topic(driver, "in").pipe("a", null);

      assertThat(out(driver).readValuesToList()).containsExactly("1", "2", null);
      assertThat(driver.<String, String>keyValueStore("latest").get("a")).isNull();
    }
  }

  @Test
  void aFilteredTableDeletesRowsThatStopMatching() {
    StreamsBuilder builder = new StreamsBuilder();
    builder
        .table("users", STRINGS)
        .filter((key, value) -> value.startsWith("x"))
        .toStream()
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> users = topic(driver, "users");
      users.pipe("a", "x1");
      users.pipe("a", "y"); // stopped matching: deleted downstream
      users.pipe("a", "z"); // did not match before either: nothing
      users.pipe("b", "x2");
      users.pipe("b", null);

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("a", "x1"),
              KeyValue.pair("a", null),
              KeyValue.pair("b", "x2"),
              KeyValue.pair("b", null));
    }
  }

  @Test
  void filterNotAndMapValuesApplyToRowsAndKeepDeletions() {
    StreamsBuilder builder = new StreamsBuilder();
    builder
        .table("users", STRINGS)
        .filterNot((key, value) -> value.isEmpty())
        .mapValues(String::length)
        .toStream()
        .to("out", Produced.with(Serdes.String(), Serdes.Integer()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> users = topic(driver, "users");
      users.pipe("a", "abc");
      users.pipe("b", "");
      users.pipe("a", null);

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.Integer()).readKeyValuesToList())
          .containsExactly(KeyValue.pair("a", 3), KeyValue.pair("a", null));
    }
  }

  @Test
  void regroupingRetractsARowFromTheGroupItLeaves() {
    StreamsBuilder builder = new StreamsBuilder();
    builder
        .table("users", STRINGS)
        .groupBy(
            (user, region) -> KeyValue.pair(region, user),
            Grouped.with(Serdes.String(), Serdes.String()))
        .count(Materialized.as("per-region"))
        .toStream()
        .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> users = topic(driver, "users");
      TestOutputTopic<String, Long> counts =
          driver.outputTopic("out", Serdes.String(), Serdes.Long());
      users.pipe("alice", "eu");
      users.pipe("bob", "eu");
      assertThat(counts.readKeyValuesToList())
          .containsExactly(KeyValue.pair("eu", 1L), KeyValue.pair("eu", 2L));

      users.pipe("alice", "us"); // moves: out of eu, into us
      assertThat(counts.readKeyValuesToList())
          .containsExactly(KeyValue.pair("eu", 1L), KeyValue.pair("us", 1L));

      users.pipe("bob", null); // deleted: out of eu
      assertThat(counts.readKeyValuesToList()).containsExactly(KeyValue.pair("eu", 0L));

      KeyValueStore<String, Long> store = driver.keyValueStore("per-region");
      assertThat(store.get("eu")).isZero();
      assertThat(store.get("us")).isEqualTo(1L);
    }
  }

  @Test
  void regroupedReduceSubtractsTheOldValueOfARowThatChangesWithinItsGroup() {
    StreamsBuilder builder = new StreamsBuilder();
    builder
        .table("prices", STRINGS)
        .groupBy(
            (item, categoryAndPrice) -> {
              String[] parts = categoryAndPrice.split(":");
              return KeyValue.pair(parts[0], Long.parseLong(parts[1]));
            },
            Grouped.with(Serdes.String(), Serdes.Long()))
        .reduce(Long::sum, (total, price) -> total - price, Materialized.as("totals"))
        .toStream()
        .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> prices = topic(driver, "prices");
      prices.pipe("apple", "fruit:3");
      prices.pipe("pear", "fruit:4");
      prices.pipe("apple", "fruit:5"); // same group: one update, 7 - 3 + 5
      prices.pipe("pear", "veg:4"); // moves groups

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.Long()).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("fruit", 3L),
              KeyValue.pair("fruit", 7L),
              KeyValue.pair("fruit", 9L),
              KeyValue.pair("fruit", 5L),
              KeyValue.pair("veg", 4L));
    }
  }

  @Test
  void regroupedAggregateAddsAndSubtractsWithItsOwnFunctions() {
    StreamsBuilder builder = new StreamsBuilder();
    builder
        .table("users", STRINGS)
        .groupBy(
            (user, region) -> KeyValue.pair(region, user),
            Grouped.with(Serdes.String(), Serdes.String()))
        .aggregate(
            () -> 0,
            (region, user, letters) -> letters + user.length(),
            (region, user, letters) -> letters - user.length(),
            Materialized.with(Serdes.String(), Serdes.Integer()))
        .toStream()
        .to("out", Produced.with(Serdes.String(), Serdes.Integer()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> users = topic(driver, "users");
      users.pipe("alice", "eu");
      users.pipe("bob", "eu");
      users.pipe("alice", "us");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.Integer()).readToMap())
          .isEqualTo(Map.of("eu", 3, "us", 5));
    }
  }

  @Test
  void aCachedTableEmitsTheLastUpdatePerKeyAtTheCommit() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.table("users", STRINGS).toStream().to("out", OUT);
    Map<String, Object> config =
        Map.of("state.cache.bytes", 1 << 20, SluiceConfig.COMMIT_INTERVAL_MS, 100);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
      TestInputTopic<String, String> users = topic(driver, "users");
      users.pipe("a", "1");
      users.pipe("a", "2");
      users.pipe("a", "3");
      driver.advanceWallClock(Duration.ofMillis(100));

      assertThat(out(driver).readKeyValuesToList()).containsExactly(KeyValue.pair("a", "3"));
    }
  }

  @Test
  void aTableInAPersistentStoreSurvivesADriverRestartOnTheSameStateDir(@TempDir Path dir) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.table("users", STRINGS, Materialized.as("users")).toStream().to("out", OUT);
    Topology topology = builder.build();
    Map<String, Object> config = Map.of(SluiceConfig.STATE_DIR, dir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
      topic(driver, "users").pipe("a", "1");
    }
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
      topic(driver, "users").pipe("b", "2");

      KeyValueStore<String, String> store = driver.keyValueStore("users");
      assertThat(store.get("a")).isEqualTo("1");
      assertThat(store.get("b")).isEqualTo("2");
    }
  }
}

package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.state.Windowed;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.InternalTopic;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tumbling and hopping windowed count, reduce and aggregate through the test driver: window
 * assignment, grace, late records (dropped, counted, side output) and the windowed output serde.
 */
class WindowedAggregationTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final long M = MINUTE.toMillis();
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Serde<Windowed<String>> WINDOWED =
      WindowedSerdes.timeWindowed(Serdes.String(), MINUTE);

  private static Topology count(
      TimeWindows windows, UnaryOperator<TimeWindowedKStream<String, String>> options) {
    StreamsBuilder builder = new StreamsBuilder();
    options
        .apply(builder.stream("in", STRINGS).groupByKey().windowedBy(windows))
        .count(Materialized.as("counts"))
        .toStream()
        .to("out", Produced.with(WINDOWED, Serdes.Long()));
    return builder.build();
  }

  private static TestInputTopic<String, String> in(TopologyTestDriver driver) {
    return driver.inputTopic("in", Serdes.String(), Serdes.String());
  }

  private static List<KeyValue<Windowed<String>, Long>> out(TopologyTestDriver driver) {
    return driver.outputTopic("out", WINDOWED, Serdes.Long()).readKeyValuesToList();
  }

  private static KeyValue<Windowed<String>, Long> window(String key, long start, long count) {
    return KeyValue.pair(Windowed.of(key, start, start + M), count);
  }

  @Test
  void tumblingCountPutsOutOfOrderRecordsWithinGraceIntoTheirOwnWindow() {
    TimeWindows windows = TimeWindows.ofSizeAndGrace(MINUTE, Duration.ofSeconds(30));
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, w -> w))) {
      in(driver).pipe("a", "x", 10_000);
      in(driver).pipe("a", "x", 70_000); // stream time 70 s: window [0, 60 s) open until 90 s
      in(driver).pipe("a", "x", 50_000); // out of order, within grace
      in(driver).pipe("b", "x", 59_999);

      assertThat(out(driver))
          .containsExactly(
              window("a", 0, 1), window("a", M, 1), window("a", 0, 2), window("b", 0, 1));
      assertThat(driver.skippedRecords()).isZero();
    }
  }

  @Test
  void aRecordIsLateExactlyWhenWindowEndPlusGraceReachesStreamTime() {
    TimeWindows windows = TimeWindows.ofSizeAndGrace(MINUTE, Duration.ofSeconds(30));
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, w -> w))) {
      in(driver).pipe("a", "x", 89_999); // stream time 89.999 s: [0, 60 s) still open
      in(driver).pipe("a", "x", 0);
      in(driver).pipe("a", "x", 90_000); // stream time 90 s = end + grace: [0, 60 s) closed
      in(driver).pipe("a", "x", 59_999);

      assertThat(out(driver))
          .containsExactly(window("a", M, 1), window("a", 0, 1), window("a", M, 2));
      assertThat(driver.skippedRecords()).isEqualTo(1);
    }
  }

  @Test
  void lateRecordsAreDroppedCountedAndWrittenToTheSideTopic() {
    TimeWindows windows = TimeWindows.ofSizeWithNoGrace(MINUTE);
    try (TopologyTestDriver driver =
        new TopologyTestDriver(count(windows, w -> w.lateRecordsTo("late")))) {
      in(driver).pipe("a", "first", 1_000);
      in(driver).pipe("a", "second", M);
      in(driver).pipe("b", "too-late", 59_000);
      in(driver).pipe("a", "also-late", 0);

      assertThat(out(driver)).containsExactly(window("a", 0, 1), window("a", M, 1));
      assertThat(driver.skippedRecords()).isEqualTo(2);
      assertThat(driver.outputTopic("late", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(KeyValue.pair("b", "too-late"), KeyValue.pair("a", "also-late"));
    }
  }

  @Test
  void hoppingWindowsCountARecordInEveryWindowItFallsIn() {
    TimeWindows windows = TimeWindows.ofSizeWithNoGrace(MINUTE).advanceBy(Duration.ofSeconds(20));
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, w -> w))) {
      in(driver).pipe("a", "x", 45_000);

      assertThat(out(driver))
          .containsExactly(window("a", 0, 1), window("a", 20_000, 1), window("a", 40_000, 1));
    }
  }

  /** The side-output records as {@code key:value@start of the window missed}. */
  private static List<String> late(TopologyTestDriver driver) {
    return driver.outputTopic("late", Serdes.String(), Serdes.String()).readAll().stream()
        .map(
            r ->
                r.key()
                    + ":"
                    + r.value()
                    + "@"
                    + new String(
                        r.headers().lastHeader("sluice.late.window.start").value(),
                        StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void aHoppingRecordLateForSomeWindowsUpdatesTheOpenOnesAndIsDroppedForEachClosedOne() {
    TimeWindows windows = TimeWindows.ofSizeWithNoGrace(MINUTE).advanceBy(Duration.ofSeconds(20));
    try (TopologyTestDriver driver =
        new TopologyTestDriver(count(windows, w -> w.lateRecordsTo("late")))) {
      in(driver).pipe("b", "x", 70_000); // stream time 70 s: windows ending by 70 s are closed
      in(driver).pipe("a", "y", 45_000); // in [0, 60 s) closed, [20, 80 s) and [40, 100 s) open

      assertThat(out(driver))
          .containsExactly(
              window("b", 20_000, 1),
              window("b", 40_000, 1),
              window("b", 60_000, 1),
              window("a", 20_000, 1),
              window("a", 40_000, 1));
      // like Kafka Streams' dropped-records metric: one drop per closed window, and the side
      // output has exactly one record per drop, naming the window it missed
      assertThat(driver.skippedRecords()).isEqualTo(1);
      assertThat(late(driver)).containsExactly("a:y@0");
    }
  }

  @Test
  void aHoppingRecordLateForAllItsWindowsIsDroppedOncePerWindow() {
    TimeWindows windows =
        TimeWindows.ofSizeAndGrace(MINUTE, Duration.ofSeconds(10))
            .advanceBy(Duration.ofSeconds(20));
    try (TopologyTestDriver driver =
        new TopologyTestDriver(count(windows, w -> w.lateRecordsTo("late")))) {
      in(driver).pipe("b", "x", 200_000);
      in(driver).pipe("a", "y", 45_000); // [0, 60 s), [20, 80 s), [40, 100 s): all closed

      assertThat(out(driver)).extracting(kv -> kv.key().key()).containsOnly("b");
      assertThat(driver.skippedRecords()).isEqualTo(3);
      assertThat(late(driver)).containsExactly("a:y@0", "a:y@20000", "a:y@40000");
    }
  }

  @Test
  void inFinalModeAPartlyLateRecordIsDroppedForTheEmittedWindowAndBufferedForTheOpenOne() {
    TimeWindows windows = TimeWindows.ofSizeWithNoGrace(MINUTE).advanceBy(Duration.ofSeconds(30));
    try (TopologyTestDriver driver =
        new TopologyTestDriver(count(windows, w -> w.emitFinal().lateRecordsTo("late")))) {
      in(driver).pipe("a", "x", 30_000); // windows [0, 60 s) and [30, 90 s)
      in(driver).pipe("a", "x", 60_000); // stream time 60 s: [0, 60 s) closes and is emitted
      in(driver).pipe("a", "y", 59_000); // [0, 60 s) emitted, [30, 90 s) open
      in(driver).pipe("a", "x", 90_000); // [30, 90 s) closes: x, x and y

      assertThat(out(driver)).containsExactly(window("a", 0, 1), window("a", 30_000, 3));
      assertThat(driver.skippedRecords()).isEqualTo(1);
      assertThat(late(driver)).containsExactly("a:y@0");
    }
  }

  @Test
  void reduceAndAggregateFoldValuesPerWindow() {
    StreamsBuilder builder = new StreamsBuilder();
    TimeWindowedKStream<String, String> windowed =
        builder.stream("in", STRINGS)
            .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .windowedBy(TimeWindows.ofSizeWithNoGrace(MINUTE));
    windowed
        .reduce((a, b) -> a + "+" + b)
        .toStream()
        .map((w, v) -> KeyValue.pair(w.key() + "@" + w.start(), v))
        .to("reduced", Produced.with(Serdes.String(), Serdes.String()));
    windowed
        .aggregate(
            () -> 0L,
            (key, value, length) -> length + value.length(),
            Materialized.<String, Long>as("lengths").withValueSerde(Serdes.Long()))
        .toStream()
        .to("lengths", Produced.with(WINDOWED, Serdes.Long()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      in(driver).pipe("a", "x", 1_000);
      in(driver).pipe("a", "yy", 2_000);
      in(driver).pipe("a", "zzz", M + 1);

      assertThat(
              driver.outputTopic("reduced", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("a@0", "x"),
              KeyValue.pair("a@0", "x+yy"),
              KeyValue.pair("a@60000", "zzz"));
      assertThat(driver.outputTopic("lengths", WINDOWED, Serdes.Long()).readKeyValuesToList())
          .containsExactly(window("a", 0, 1), window("a", 0, 3), window("a", M, 3));
    }
  }

  @Test
  void theWindowedTableKeySerdeIsDerivedFromTheKeySerde() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(MINUTE))
        .count()
        .toStream()
        .to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      in(driver).pipe("a", "x", 5);

      assertThat(out(driver)).containsExactly(window("a", 0, 1));
    }
  }

  @Test
  void windowCountsInAPersistentStoreSurviveADriverRestartOnTheSameStateDir(@TempDir Path dir) {
    Map<String, Object> config = Map.of(SluiceConfig.STATE_DIR, dir.toString());
    TimeWindows windows = TimeWindows.ofSizeAndGrace(MINUTE, MINUTE);
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, w -> w), config)) {
      in(driver).pipe("a", "x", 1_000);
      in(driver).pipe("a", "x", M + 1_000);
    }
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, w -> w), config)) {
      in(driver).pipe("a", "x", 2_000);

      assertThat(out(driver)).containsExactly(window("a", 0, 2));
      assertThat(driver.<String, Long>windowStore("counts").fetch("a", M)).isEqualTo(1L);
    }
  }

  @Test
  void negativeGraceIsABuildErrorNamingTheStep() {
    StreamsBuilder builder = new StreamsBuilder();
    TimeWindowedKStream<String, String> windowed =
        builder.stream("in", STRINGS)
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(MINUTE, Duration.ofSeconds(-1)));

    assertThatThrownBy(windowed::count)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("step 'from-in.windowedBy.count': the grace period was PT-1S");
  }

  @Test
  void theChangelogIsCompactedAndDeletedWithTheWindowRetention() {
    TimeWindows windows = TimeWindows.ofSizeAndGrace(MINUTE, Duration.ofSeconds(30));
    CompiledTopology topology = (CompiledTopology) count(windows, w -> w);

    assertThat(topology.internalTopics())
        .containsExactly(
            new InternalTopic(
                "counts-changelog",
                InternalTopic.Kind.CHANGELOG,
                "compact,delete",
                0,
                0,
                "counts",
                90_000));
  }
}

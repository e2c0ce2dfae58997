package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.state.Windowed;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.InternalTopic;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sliding-window count, reduce and aggregate through the test driver: the windows records create in
 * order and out of order, the grace boundary, late records, emit-final, the store and its
 * changelog, and argument checks.
 */
class SlidingWindowTest {
  private static final Duration DIFFERENCE = Duration.ofSeconds(5);
  private static final long D = DIFFERENCE.toMillis();
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Serde<Windowed<String>> WINDOWED =
      WindowedSerdes.timeWindowed(Serdes.String(), DIFFERENCE);

  static Topology count(
      SlidingWindows windows, UnaryOperator<TimeWindowedKStream<String, String>> options) {
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

  /** The latest count of each window, in order of first appearance. */
  private static Map<Windowed<String>, Long> latest(TopologyTestDriver driver) {
    Map<Windowed<String>, Long> latest = new LinkedHashMap<>();
    out(driver).forEach(update -> latest.put(update.key(), update.value()));
    return latest;
  }

  private static KeyValue<Windowed<String>, Long> window(String key, long start, long count) {
    return KeyValue.pair(Windowed.of(key, start, start + D), count);
  }

  @SafeVarargs
  private static Map<Windowed<String>, Long> inOrder(KeyValue<Windowed<String>, Long>... windows) {
    Map<Windowed<String>, Long> inOrder = new LinkedHashMap<>();
    for (KeyValue<Windowed<String>, Long> window : windows) {
      inOrder.put(window.key(), window.value());
    }
    return inOrder;
  }

  private static Map<Windowed<String>, Long> windows(Object... startsAndCounts) {
    Map<Windowed<String>, Long> windows = new LinkedHashMap<>();
    for (int i = 0; i < startsAndCounts.length; i += 2) {
      long start = ((Number) startsAndCounts[i]).longValue();
      windows.put(
          Windowed.of("a", start, start + D), ((Number) startsAndCounts[i + 1]).longValue());
    }
    return windows;
  }

  @Test
  void inOrderRecordsEndALeftWindowEachAndStartARightWindowWhenALaterRecordFallsInIt() {
    SlidingWindows windows = SlidingWindows.ofTimeDifferenceWithNoGrace(DIFFERENCE);
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, w -> w))) {
      in(driver).pipe("a", "1", 8_000);
      in(driver).pipe("a", "2", 9_200);
      in(driver).pipe("a", "3", 12_400);

      // the example of Kafka Streams' SlidingWindows documentation: five windows
      assertThat(out(driver))
          .containsExactly(
              window("a", 3_000, 1), // [3000, 8000]: 1
              window("a", 4_200, 2), // [4200, 9200]: 1, 2
              window("a", 8_001, 1), // [8001, 13001]: 2 (right window of 8000)
              window("a", 8_001, 2), // ... then 2, 3
              window("a", 7_400, 3), // [7400, 12400]: 1, 2, 3
              window("a", 9_201, 1)); // [9201, 14201]: 3 (right window of 9200)
      assertThat(driver.skippedRecords()).isZero();
    }
  }

  @Test
  void anOutOfOrderRecordJoinsTheWindowsHoldingItAndCreatesItsOwnTwo() {
    SlidingWindows windows = SlidingWindows.ofTimeDifferenceAndGrace(DIFFERENCE, DIFFERENCE);
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, w -> w))) {
      in(driver).pipe("a", "x", 8_000);
      in(driver).pipe("a", "x", 9_200);
      in(driver).pipe("a", "x", 12_400);
      out(driver);
      in(driver).pipe("a", "x", 10_000); // between 9200 and 12400

      assertThat(out(driver))
          .containsExactly(
              window("a", 10_001, 1), // its right window: 12400
              window("a", 7_400, 4), // holds 8000, 9200, 10000, 12400
              window("a", 8_001, 3),
              window("a", 9_201, 2),
              window("a", 5_000, 3)); // its left window: 8000, 9200, 10000
    }
  }

  @Test
  void anOutOfOrderRecordBeforeALoneLaterRecordCreatesARightWindowCopiedFromItsLeftWindow() {
    SlidingWindows windows = SlidingWindows.ofTimeDifferenceAndGrace(DIFFERENCE, DIFFERENCE);
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, w -> w))) {
      in(driver).pipe("a", "x", 1_000); // early: its window is [0, 5000]
      in(driver).pipe("a", "x", 20_000);
      in(driver).pipe("a", "x", 17_000);

      assertThat(latest(driver))
          .containsExactlyEntriesOf(
              windows(0, 1, 15_000, 2, 17_001, 1, 12_000, 1)); // 15000: 17000, 20000
      assertThat(driver.skippedRecords()).isZero();
    }
  }

  @Test
  void recordsWithTheSameTimestampShareTheirWindows() {
    SlidingWindows windows = SlidingWindows.ofTimeDifferenceWithNoGrace(DIFFERENCE);
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, w -> w))) {
      in(driver).pipe("a", "x", 10_000);
      in(driver).pipe("a", "x", 12_000);
      in(driver).pipe("a", "x", 12_000);
      in(driver).pipe("b", "x", 12_000);

      assertThat(latest(driver))
          .containsExactlyEntriesOf(
              inOrder(
                  window("a", 5_000, 1),
                  window("a", 7_000, 3),
                  window("a", 10_001, 2),
                  window("b", 7_000, 1)));
    }
  }

  @Test
  void aRecordIsAcceptedWhileStreamTimeIsAtMostItsTimestampPlusGraceAndDroppedAfter() {
    SlidingWindows windows = SlidingWindows.ofTimeDifferenceAndGrace(DIFFERENCE, DIFFERENCE);
    try (TopologyTestDriver driver =
        new TopologyTestDriver(count(windows, w -> w.lateRecordsTo("late")))) {
      in(driver).pipe("b", "x", 30_000); // stream time 30 s
      in(driver).pipe("a", "at-boundary", 25_000); // 25 s + 5 s grace = stream time: accepted
      in(driver).pipe("b", "x", 30_001); // stream time 30.001 s
      in(driver).pipe("a", "one-ms-late", 25_000); // window [20 s, 25 s] closed: dropped

      assertThat(latest(driver))
          .containsExactlyEntriesOf(
              inOrder(
                  window("b", 25_000, 1),
                  window("a", 20_000, 1),
                  window("b", 25_001, 2),
                  window("b", 30_001, 1)));
      assertThat(driver.skippedRecords()).isEqualTo(1);
      assertThat(driver.outputTopic("late", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(KeyValue.pair("a", "one-ms-late"));
    }
  }

  @Test
  void emitFinalEmitsEachWindowOnceWhenStreamTimePassesItsEndPlusGrace() {
    SlidingWindows windows =
        SlidingWindows.ofTimeDifferenceAndGrace(DIFFERENCE, Duration.ofSeconds(3));
    try (TopologyTestDriver driver =
        new TopologyTestDriver(count(windows, TimeWindowedKStream::emitFinal))) {
      in(driver).pipe("a", "x", 8_000);
      in(driver).pipe("a", "x", 9_200);

      assertThat(out(driver)).as("[3000, 8000] is open until stream time passes 11 s").isEmpty();

      in(driver).pipe("a", "x", 12_400); // [3000, 8000] and [4200, 9200] close

      assertThat(driver.outputTopic("out", WINDOWED, Serdes.Long()).readAll())
          .extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
          .containsExactly(
              tuple(Windowed.of("a", 3_000, 8_000), 1L, 8_000L),
              tuple(Windowed.of("a", 4_200, 9_200), 2L, 9_200L));

      in(driver).pipe("a", "x", 10_000); // out of order, within grace
      in(driver).pipe("b", "x", 10_000);

      assertThat(out(driver)).isEmpty();

      in(driver).pipe("c", "x", 14_201); // close time 11.201 s

      assertThat(out(driver))
          .containsExactlyInAnyOrder(window("a", 5_000, 3), window("b", 5_000, 1));

      in(driver).pipe("c", "x", 30_000);

      assertThat(out(driver))
          .containsExactlyInAnyOrder(
              window("a", 7_400, 4),
              window("a", 8_001, 3),
              window("a", 9_201, 2),
              window("a", 10_001, 1),
              window("c", 9_201, 1));

      in(driver).pipe("a", "late", 20_000);

      assertThat(out(driver)).isEmpty();
      assertThat(driver.skippedRecords()).isEqualTo(1);
    }
  }

  @Test
  void pendingFinalWindowsSurviveARestartAndAreEmittedExactlyOnce(@TempDir Path dir) {
    Map<String, Object> config = Map.of(SluiceConfig.STATE_DIR, dir.toString());
    SlidingWindows windows =
        SlidingWindows.ofTimeDifferenceAndGrace(DIFFERENCE, Duration.ofSeconds(3));
    Topology topology = count(windows, TimeWindowedKStream::emitFinal);
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
      in(driver).pipe("a", "x", 10_000);
      in(driver).pipe("a", "x", 12_000);
      in(driver).pipe("a", "x", 16_000); // close time 13 s

      assertThat(out(driver)).containsExactly(window("a", 5_000, 1), window("a", 7_000, 2));
    }
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
      // the new task's stream time starts afresh, but the close time stays 13 s
      in(driver).pipe("a", "x", 12_500);
      in(driver).pipe("a", "x", 14_000);

      assertThat(out(driver)).isEmpty();

      in(driver).pipe("b", "x", 30_000);

      // records 10, 12, 14 and 16 s (12.5 s was late)
      assertThat(out(driver))
          .containsExactlyInAnyOrder(
              window("a", 9_000, 3),
              window("a", 10_001, 2),
              window("a", 11_000, 3),
              window("a", 12_001, 2),
              window("a", 14_001, 1));
      assertThat(driver.skippedRecords()).isEqualTo(1);
    }
  }

  @Test
  void reduceAndAggregateFoldTheValuesOfEachWindow() {
    StreamsBuilder builder = new StreamsBuilder();
    TimeWindowedKStream<String, String> windowed =
        builder.stream("in", STRINGS)
            .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(DIFFERENCE));
    windowed
        .reduce((a, b) -> a + "+" + b)
        .toStream()
        .map((w, v) -> KeyValue.pair(w.key() + "@" + w.start() + ".." + w.end(), v))
        .to("reduced", Produced.with(Serdes.String(), Serdes.String()));
    windowed
        .aggregate(
            () -> 0L,
            (key, value, length) -> length + value.length(),
            Materialized.<String, Long>as("lengths").withValueSerde(Serdes.Long()))
        .toStream()
        .to("lengths", Produced.with(WINDOWED, Serdes.Long()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      in(driver).pipe("a", "x", 10_000);
      in(driver).pipe("a", "yy", 13_000);

      assertThat(
              driver.outputTopic("reduced", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("a@5000..10000", "x"),
              KeyValue.pair("a@8000..13000", "x+yy"),
              KeyValue.pair("a@10001..15001", "yy"));
      assertThat(driver.outputTopic("lengths", WINDOWED, Serdes.Long()).readKeyValuesToList())
          .containsExactly(window("a", 5_000, 1), window("a", 8_000, 3), window("a", 10_001, 2));
      assertThat(driver.<String, Long>windowStore("lengths").fetch("a", 8_000)).isEqualTo(3L);
    }
  }

  @Test
  void withACacheEachWindowIsEmittedOncePerCommitWithItsLatestCount() {
    Map<String, Object> config =
        Map.of("state.cache.bytes", 1 << 20, SluiceConfig.COMMIT_INTERVAL_MS, 1000);
    SlidingWindows windows = SlidingWindows.ofTimeDifferenceWithNoGrace(DIFFERENCE);
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, w -> w), config)) {
      in(driver).pipe("a", "x", 8_000);
      in(driver).pipe("a", "x", 9_200);
      in(driver).pipe("a", "x", 12_400);

      assertThat(out(driver)).isEmpty();

      driver.advanceWallClock(Duration.ofSeconds(1));

      assertThat(out(driver))
          .containsExactlyInAnyOrder(
              window("a", 3_000, 1),
              window("a", 4_200, 2),
              window("a", 7_400, 3),
              window("a", 8_001, 2),
              window("a", 9_201, 1));
    }
  }

  @Test
  void theWindowStoreAndTheRecordTimesAreLoggedToCompactedDeletedChangelogs() {
    SlidingWindows windows = SlidingWindows.ofTimeDifferenceAndGrace(DIFFERENCE, DIFFERENCE);
    CompiledTopology topology = (CompiledTopology) count(windows, w -> w);

    long retention = 2 * (D + 1) + D;
    assertThat(topology.internalTopics())
        .containsExactly(
            new InternalTopic(
                "counts-changelog",
                InternalTopic.Kind.CHANGELOG,
                "compact,delete",
                0,
                0,
                "counts",
                retention),
            new InternalTopic(
                "counts-record-times-changelog",
                InternalTopic.Kind.CHANGELOG,
                "compact,delete",
                0,
                0,
                "counts-record-times",
                retention));
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      in(driver).pipe("a", "x", 10_000);

      assertThat(
              driver
                  .outputTopic("test-counts-changelog", Serdes.ByteArray(), Serdes.Long())
                  .readValuesToList())
          .containsExactly(1L);
    }
  }

  @Test
  void recordsWithANullKeyOrValueAreDroppedAndCounted() {
    SlidingWindows windows = SlidingWindows.ofTimeDifferenceWithNoGrace(DIFFERENCE);
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, w -> w))) {
      in(driver).pipe(null, "x", 10_000);
      in(driver).pipe("a", null, 10_000);
      in(driver).pipe("a", "x", 10_000);

      assertThat(out(driver)).containsExactly(window("a", 5_000, 1));
      assertThat(driver.skippedRecords()).isEqualTo(2);
    }
  }

  @Test
  void badArgumentsAreRejectedNamingTheParameterOrTheStep() {
    assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceWithNoGrace(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeDifference must not be null");
    assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceAndGrace(DIFFERENCE, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("grace must not be null");
    assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SlidingWindows: time difference was PT-0.001S; use a positive duration");
    assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    KGroupedStream<String, String> grouped =
        new StreamsBuilder().stream("in", STRINGS).groupByKey();
    assertThatThrownBy(() -> grouped.windowedBy((SlidingWindows) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("windows must not be null");
    TimeWindowedKStream<String, String> negativeGrace =
        grouped.windowedBy(
            SlidingWindows.ofTimeDifferenceAndGrace(DIFFERENCE, Duration.ofSeconds(-1)));
    assertThatThrownBy(negativeGrace::count)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("step 'from-in.windowedBy.count': the grace period was PT-1S");
    TimeWindowedKStream<String, String> windowed =
        grouped.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(DIFFERENCE));
    assertThatThrownBy(() -> windowed.reduce(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("reducer must not be null");
    assertThatThrownBy(() -> windowed.count(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("materialized must not be null");
  }
}

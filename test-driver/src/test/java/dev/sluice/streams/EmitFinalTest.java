package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.Windowed;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windowed aggregations with {@code emitFinal()}: one result per window, at close, buffered in the
 * persistent window store so that a restarted driver on the same state directory neither repeats
 * nor loses a window.
 */
class EmitFinalTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final long M = MINUTE.toMillis();
  private static final Serde<Windowed<String>> WINDOWED =
      WindowedSerdes.timeWindowed(Serdes.String(), MINUTE);

  private static Topology finalCounts(Duration grace) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(MINUTE, grace))
        .emitFinal()
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
  void eachWindowIsEmittedOnceWhenStreamTimePassesItsEndPlusGrace() {
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ofSeconds(10)))) {
      in(driver).pipe("a", "x", 1_000);
      in(driver).pipe("a", "x", 2_000);
      in(driver).pipe("b", "x", 30_000);
      in(driver).pipe("a", "x", 69_999); // close time 59.999 s: [0, 60 s) still open

      assertThat(out(driver)).isEmpty();

      in(driver).pipe("a", "x", 70_000); // close time 60 s: [0, 60 s) closes

      assertThat(out(driver)).containsExactly(window("a", 0, 2), window("b", 0, 1));

      in(driver).pipe("c", "x", 100_000);
      in(driver).pipe("c", "x", 130_000); // [60 s, 120 s) closes

      assertThat(out(driver)).containsExactly(window("a", M, 2), window("c", M, 1));
      assertThat(driver.skippedRecords()).isZero();
    }
  }

  @Test
  void aRecordForAnEmittedWindowIsLate() {
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ZERO))) {
      in(driver).pipe("a", "x", 1_000);
      in(driver).pipe("a", "x", M);
      in(driver).pipe("a", "x", 59_000);

      assertThat(out(driver)).containsExactly(window("a", 0, 1));
      assertThat(driver.skippedRecords()).isEqualTo(1);
    }
  }

  @Test
  void pendingWindowsSurviveARestartAndAreEmittedExactlyOnce(@TempDir Path dir) {
    Map<String, Object> config = Map.of(SluiceConfig.STATE_DIR, dir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ZERO), config)) {
      in(driver).pipe("a", "x", 1_000);
      in(driver).pipe("b", "x", 2_000);
      in(driver).pipe("a", "x", 70_000); // [0, 60 s) closes
      in(driver).pipe("a", "x", 80_000); // pending in [60 s, 120 s)

      assertThat(out(driver)).containsExactly(window("a", 0, 1), window("b", 0, 1));
    }
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ZERO), config)) {
      // the new task's stream time starts afresh, but the emitted window stays closed
      in(driver).pipe("a", "x", 50_000);
      in(driver).pipe("c", "x", 110_000);

      assertThat(out(driver)).isEmpty();

      in(driver).pipe("c", "x", 125_000); // [60 s, 120 s) closes

      assertThat(out(driver)).containsExactly(window("a", M, 2), window("c", M, 1));
      assertThat(driver.skippedRecords()).isEqualTo(1);
    }
  }
}

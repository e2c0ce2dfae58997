package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.Windowed;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** Session-windowed count and reduce through the test driver: sessions, merging, late records. */
class SessionWindowTest {
  private static final Duration GAP = Duration.ofSeconds(10);
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Serde<Windowed<String>> SESSIONS =
      WindowedSerdes.sessionWindowed(Serdes.String());

  private static TestInputTopic<String, String> in(TopologyTestDriver driver) {
    return driver.inputTopic("in", Serdes.String(), Serdes.String());
  }

  private static <V> KeyValue<Windowed<String>, V> session(
      String key, long start, long end, V value) {
    return KeyValue.pair(Windowed.of(key, start, end), value);
  }

  private static Topology count(SessionWindows windows, String lateTopic) {
    StreamsBuilder builder = new StreamsBuilder();
    SessionWindowedKStream<String, String> sessions =
        builder.stream("in", STRINGS).groupByKey().windowedBy(windows);
    if (lateTopic != null) {
      sessions = sessions.lateRecordsTo(lateTopic);
    }
    sessions
        .count(Materialized.as("sessions"))
        .toStream()
        .to("out", Produced.with(SESSIONS, Serdes.Long()));
    return builder.build();
  }

  private static List<KeyValue<Windowed<String>, Long>> out(TopologyTestDriver driver) {
    return driver.outputTopic("out", SESSIONS, Serdes.Long()).readKeyValuesToList();
  }

  @Test
  void aRecordBridgingTwoSessionsMergesThemAndDeletesTheOldOnes() {
    SessionWindows windows = SessionWindows.ofInactivityGapAndGrace(GAP, Duration.ofMinutes(1));
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, null))) {
      in(driver).pipe("a", "x", 0);
      in(driver).pipe("a", "x", 20_000); // more than a gap later: a second session
      in(driver).pipe("b", "x", 5_000);
      in(driver).pipe("a", "x", 10_000); // within the gap of both

      assertThat(out(driver))
          .containsExactly(
              session("a", 0, 0, 1L),
              session("a", 20_000, 20_000, 1L),
              session("b", 5_000, 5_000, 1L),
              session("a", 0, 0, null),
              session("a", 20_000, 20_000, null),
              session("a", 0, 20_000, 3L));
      List<Windowed<String>> stored = new ArrayList<>();
      try (KeyValueIterator<Windowed<String>, Long> sessions =
          driver.<String, Long>sessionStore("sessions").fetch("a")) {
        sessions.forEachRemaining(entry -> stored.add(entry.key()));
      }
      assertThat(stored).containsExactly(Windowed.of("a", 0, 20_000));
    }
  }

  @Test
  void reduceUpdatesASessionInPlaceWhenItsBoundsDoNotChange() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .groupByKey()
        .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(GAP))
        .reduce((a, b) -> a + "+" + b)
        .toStream()
        .to("out", Produced.with(SESSIONS, Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      in(driver).pipe("a", "x", 0);
      in(driver).pipe("a", "y", 10_000); // exactly the gap: same session
      in(driver).pipe("a", "z", 5_000); // inside it

      assertThat(driver.outputTopic("out", SESSIONS, Serdes.String()).readKeyValuesToList())
          .containsExactly(
              session("a", 0, 0, "x"),
              session("a", 0, 0, null),
              session("a", 0, 10_000, "x+y"),
              session("a", 0, 10_000, "x+y+z"));
    }
  }

  @Test
  void lateRecordsAreDroppedCountedAndWrittenToTheSideTopic() {
    SessionWindows windows = SessionWindows.ofInactivityGapAndGrace(GAP, Duration.ofSeconds(5));
    try (TopologyTestDriver driver = new TopologyTestDriver(count(windows, "late"))) {
      in(driver).pipe("a", "x", 0);
      in(driver).pipe("b", "x", 30_000);
      in(driver).pipe("a", "on-time", 25_000); // session [25 s]: 25 + 5 = 30, not before 30
      in(driver).pipe("c", "late", 24_999); // session [24.999 s]: 24.999 + 5 < 30

      assertThat(out(driver))
          .containsExactly(
              session("a", 0, 0, 1L),
              session("b", 30_000, 30_000, 1L),
              session("a", 25_000, 25_000, 1L));
      assertThat(driver.skippedRecords()).isEqualTo(1);
      assertThat(driver.outputTopic("late", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(KeyValue.pair("c", "late"));
    }
  }
}

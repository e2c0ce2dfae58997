package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.Windowed;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Session-windowed aggregations with {@code emitFinal()}: one result per session once stream time
 * passes its end + gap + grace, merged sessions only as the merged result, buffered in the
 * persistent session store and found through its time index, so a restarted driver on the same
 * state directory neither repeats nor loses a session.
 */
class SessionEmitFinalTest {
  private static final Duration GAP = Duration.ofSeconds(10);
  private static final Serde<Windowed<String>> SESSIONS =
      WindowedSerdes.sessionWindowed(Serdes.String());
  private static final Map<String, Object> CACHED =
      Map.of("state.cache.bytes", 1 << 20, SluiceConfig.COMMIT_INTERVAL_MS, 60_000);

  private static Topology finalCounts(Duration grace, Materialized<String, Long> store) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .windowedBy(SessionWindows.ofInactivityGapAndGrace(GAP, grace))
        .emitFinal()
        .lateRecordsTo("late")
        .count(store)
        .toStream()
        .to("out", Produced.with(SESSIONS, Serdes.Long()));
    return builder.build();
  }

  private static Topology finalCounts(Duration grace) {
    return finalCounts(grace, Materialized.as("sessions"));
  }

  private static TestInputTopic<String, String> in(TopologyTestDriver driver) {
    return driver.inputTopic("in", Serdes.String(), Serdes.String());
  }

  private static List<KeyValue<Windowed<String>, Long>> out(TopologyTestDriver driver) {
    return driver.outputTopic("out", SESSIONS, Serdes.Long()).readKeyValuesToList();
  }

  private static List<String> late(TopologyTestDriver driver) {
    return driver.outputTopic("late", Serdes.String(), Serdes.String()).readValuesToList();
  }

  private static KeyValue<Windowed<String>, Long> session(
      String key, long start, long end, long count) {
    return KeyValue.pair(Windowed.of(key, start, end), count);
  }

  @Test
  void eachSessionIsEmittedOnceWhenStreamTimePassesItsEndPlusGapPlusGrace() {
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ofSeconds(5)))) {
      in(driver).pipe("a", "x", 0);
      in(driver).pipe("a", "x", 4_000);
      in(driver).pipe("b", "x", 10_000);
      in(driver).pipe("c", "x", 19_000); // a's [0, 4 s] closes after 4 + 10 + 5 = 19 s

      assertThat(out(driver)).isEmpty();

      in(driver).pipe("c", "x", 19_001);

      List<TestRecord<Windowed<String>, Long>> emitted =
          driver.outputTopic("out", SESSIONS, Serdes.Long()).readAll();
      assertThat(emitted).hasSize(1);
      assertThat(emitted.get(0).key()).isEqualTo(Windowed.of("a", 0, 4_000));
      assertThat(emitted.get(0).value()).isEqualTo(2L);
      assertThat(emitted.get(0).timestamp()).isEqualTo(4_000); // the session's end

      in(driver).pipe("d", "x", 40_000); // b and c close, oldest end first

      assertThat(out(driver))
          .containsExactly(session("b", 10_000, 10_000, 1), session("c", 19_000, 19_001, 2));
      assertThat(driver.skippedRecords()).isZero();
    }
  }

  @Test
  void anInOrderRecordWithinTheGapStillExtendsASessionAfterItsEndPlusGrace() {
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ZERO))) {
      in(driver).pipe("a", "x", 0);
      in(driver).pipe("b", "x", 5_000); // stream time is past a's end + grace, not + gap
      in(driver).pipe("a", "x", 9_000); // so this in-order record still joins a's session

      assertThat(out(driver)).isEmpty();

      in(driver).pipe("c", "x", 19_001);

      assertThat(out(driver))
          .containsExactly(session("b", 5_000, 5_000, 1), session("a", 0, 9_000, 2));
      assertThat(driver.skippedRecords()).isZero();
    }
  }

  @Test
  void sessionsThatMergeBeforeClosingAreEmittedOnlyAsTheMergedSession() {
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ofMinutes(1)))) {
      in(driver).pipe("a", "x", 0);
      in(driver).pipe("a", "x", 20_000); // more than a gap later: a second session
      in(driver).pipe("b", "x", 5_000);
      in(driver).pipe("a", "x", 10_000); // within the gap of both: one session [0, 20 s]
      in(driver).pipe("z", "x", 90_000); // a closes after 20 + 10 + 60 = 90 s, b after 75 s

      assertThat(out(driver)).containsExactly(session("b", 5_000, 5_000, 1));

      in(driver).pipe("z", "x", 90_001);

      // no deletions, nothing for [0, 0] or [20 s, 20 s]
      assertThat(out(driver)).containsExactly(session("a", 0, 20_000, 3));
    }
  }

  @Test
  void aRecordExactlyAtTheGraceBoundaryIsAcceptedAndOneMillisecondLaterItIsDropped() {
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ofSeconds(5)))) {
      in(driver).pipe("a", "x", 100_000);
      in(driver).pipe("b", "on-time", 95_000); // session [95 s]: 95 + 5 = 100, not before 100
      in(driver).pipe("c", "late", 94_999); // session [94.999 s]: 94.999 + 5 < 100

      assertThat(driver.skippedRecords()).isEqualTo(1);
      assertThat(late(driver)).containsExactly("late");

      in(driver).pipe("z", "x", 200_000);

      assertThat(out(driver))
          .containsExactly(session("b", 95_000, 95_000, 1), session("a", 100_000, 100_000, 1));
    }
  }

  @Test
  void aRecordThatWouldMergeAnEmittedSessionIsLate() {
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ZERO))) {
      in(driver).pipe("a", "x", 0);
      in(driver).pipe("b", "x", 10_001); // a's [0, 0] closes and is emitted
      in(driver).pipe("a", "x", 12_000); // a new session of a, more than a gap after 0

      assertThat(out(driver)).containsExactly(session("a", 0, 0, 1));

      // Within the gap of both: eager mode would merge them into [0, 12 s]; the final [0, 0]
      // (still in the store: retention is gap + grace after the store's newest end) must not
      // change, so the record is late.
      in(driver).pipe("a", "bridge", 5_000);

      assertThat(driver.skippedRecords()).isEqualTo(1);
      assertThat(late(driver)).containsExactly("bridge");

      in(driver).pipe("z", "x", 60_000);

      assertThat(out(driver))
          .containsExactly(session("b", 10_001, 10_001, 1), session("a", 12_000, 12_000, 1));
    }
  }

  @Test
  void pendingSessionsSurviveARestartAndAreEmittedExactlyOnce(@TempDir Path dir) {
    Map<String, Object> config = Map.of(SluiceConfig.STATE_DIR, dir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ZERO), config)) {
      in(driver).pipe("a", "x", 0);
      in(driver).pipe("a", "x", 5_000);
      in(driver).pipe("b", "x", 12_000);
      in(driver).pipe("c", "x", 16_000); // a's [0, 5 s] closes; b and c are pending

      assertThat(out(driver)).containsExactly(session("a", 0, 5_000, 2));
    }
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ZERO), config)) {
      // The new task's stream time starts afresh, but the emitted session stays closed.
      in(driver).pipe("a", "x", 4_000);

      assertThat(driver.skippedRecords()).isEqualTo(1);

      in(driver).pipe("b", "x", 20_000); // b: [12 s, 20 s], extended after the restart
      in(driver).pipe("d", "x", 26_001); // c's [16 s] closes

      assertThat(out(driver)).containsExactly(session("c", 16_000, 16_000, 1));

      in(driver).pipe("d", "x", 30_001); // b closes

      assertThat(out(driver)).containsExactly(session("b", 12_000, 20_000, 2));
    }
  }

  @Test
  void theRecordCacheChangesNothing() {
    List<KeyValue<Windowed<String>, Long>> uncached;
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ofSeconds(5)))) {
      pipeMergingInput(driver);
      uncached = out(driver);
    }
    try (TopologyTestDriver driver =
        new TopologyTestDriver(finalCounts(Duration.ofSeconds(5)), CACHED)) {
      pipeMergingInput(driver);

      assertThat(out(driver)).isEqualTo(uncached).isNotEmpty();
    }
  }

  private static void pipeMergingInput(TopologyTestDriver driver) {
    long[] times = {0, 20_000, 3_000, 10_000, 31_000, 29_000, 50_000, 44_000, 90_000};
    for (long time : times) {
      in(driver).pipe("a", "x", time);
      in(driver).pipe("b", "x", time / 2);
    }
  }

  /**
   * Random input whose disorder stays within the grace, so no record is late: the final sessions
   * must be exactly the sessions of all records, cut wherever two records of a key (in time order)
   * are more than the gap apart, each emitted once.
   */
  @ParameterizedTest
  @ValueSource(strings = {"rocksdb", "rocksdb-cached", "in-memory"})
  void finalSessionsMatchARecomputationOverRandomInput(String variant) {
    Duration grace = Duration.ofSeconds(3);
    Materialized<String, Long> store =
        variant.equals("in-memory")
            ? Materialized.<String, Long>as("sessions").inMemory()
            : Materialized.as("sessions");
    Map<String, Object> config = variant.equals("rocksdb-cached") ? CACHED : Map.of();
    Random random = new Random(7);
    Map<String, List<Long>> timesByKey = new HashMap<>();
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(grace, store), config)) {
      long base = 0;
      for (int i = 0; i < 400; i++) {
        base += random.nextInt(1_500);
        long time = Math.max(0, base - random.nextInt((int) grace.toMillis() + 1));
        String key = "k" + random.nextInt(8);
        in(driver).pipe(key, "x", time);
        timesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(time);
      }
      in(driver).pipe("flush", "x", base + 1_000_000);

      List<KeyValue<Windowed<String>, Long>> emitted = out(driver);
      assertThat(driver.skippedRecords()).isZero();
      assertThat(sorted(emitted)).isEqualTo(recompute(timesByKey));
      assertThat(emitted).hasSizeGreaterThan(20).anyMatch(session -> session.value() > 3);
      assertThat(new HashSet<>(keys(emitted))).hasSameSizeAs(emitted);
    }
  }

  /** Final sessions computed from scratch: sort each key's times, cut at gaps over the gap. */
  private static List<KeyValue<Windowed<String>, Long>> recompute(Map<String, List<Long>> times) {
    List<KeyValue<Windowed<String>, Long>> sessions = new ArrayList<>();
    new TreeMap<>(times)
        .forEach(
            (key, keyTimes) -> {
              List<Long> ordered = keyTimes.stream().sorted().toList();
              long start = ordered.get(0);
              long end = start;
              long count = 0;
              for (long time : ordered) {
                if (time - end > GAP.toMillis()) {
                  sessions.add(session(key, start, end, count));
                  start = time;
                  count = 0;
                }
                end = time;
                count++;
              }
              sessions.add(session(key, start, end, count));
            });
    return sorted(sessions);
  }

  /**
   * Random input with any disorder: late records are dropped, so the sessions cannot be predicted
   * in closed form, but every record is either in exactly one emitted session or skipped (no
   * pending session expires unemitted, no emitted session is merged afterwards) and no session is
   * emitted twice.
   */
  @Test
  void withLateRecordsEveryRecordIsInOneFinalSessionOrSkipped() {
    Random random = new Random(11);
    try (TopologyTestDriver driver = new TopologyTestDriver(finalCounts(Duration.ofSeconds(2)))) {
      long base = 0;
      int records = 400;
      for (int i = 0; i < records; i++) {
        base += random.nextInt(1_500);
        long time = Math.max(0, base - random.nextInt(30_000));
        in(driver).pipe("k" + random.nextInt(8), "x", time);
      }
      in(driver).pipe("flush", "x", base + 1_000_000);

      List<KeyValue<Windowed<String>, Long>> emitted = sorted(out(driver));
      long counted = emitted.stream().mapToLong(session -> session.value()).sum();
      assertThat(driver.skippedRecords()).isPositive();
      assertThat(counted + driver.skippedRecords()).isEqualTo(records);
      assertThat(new HashSet<>(keys(emitted))).hasSameSizeAs(emitted);
    }
  }

  private static List<Windowed<String>> keys(List<KeyValue<Windowed<String>, Long>> sessions) {
    return sessions.stream().map(session -> session.key()).toList();
  }

  private static List<KeyValue<Windowed<String>, Long>> sorted(
      List<KeyValue<Windowed<String>, Long>> sessions) {
    List<KeyValue<Windowed<String>, Long>> copy = new ArrayList<>(sessions);
    copy.sort(
        Comparator.<KeyValue<Windowed<String>, Long>, String>comparing(s -> s.key().key())
            .thenComparingLong(s -> s.key().start()));
    return copy;
  }
}

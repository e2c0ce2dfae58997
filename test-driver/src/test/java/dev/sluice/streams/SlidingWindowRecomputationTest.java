package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.Windowed;
import dev.sluice.testdriver.TopologyTestDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Sliding-window sums over random input with out-of-order and late records, checked against a
 * recomputation from the definition (each record's window {@code [t - d, t]} clamped at 0, and the
 * window {@code [t + 1, t + 1 + d]} after each record when a record falls into it; a window sums
 * every accepted record in it), written here without the processor's incremental tricks. Eager,
 * cached and final emission must all end with those windows.
 */
class SlidingWindowRecomputationTest {
  private static final long D = 1_000;
  private static final long GRACE = 1_500;
  private static final long FAR_FUTURE = 10_000_000;
  private static final Serde<Windowed<String>> WINDOWED =
      WindowedSerdes.timeWindowed(Serdes.String(), Duration.ofMillis(D));

  private record Input(String key, long value, long timestamp) {}

  private enum Mode {
    EAGER,
    CACHED,
    FINAL
  }

  /** Random records of three keys; about one in ten is later than the grace period allows. */
  private static List<Input> randomInput(long seed) {
    Random random = new Random(seed);
    List<Input> input = new ArrayList<>();
    long streamTime = 0;
    for (int i = 0; i < 400; i++) {
      long timestamp;
      if (i > 0 && random.nextInt(10) == 0) {
        timestamp = Math.max(0, streamTime - GRACE - 1 - random.nextInt(2_000));
      } else {
        timestamp = Math.max(0, streamTime - GRACE + random.nextInt((int) GRACE + 700));
      }
      streamTime = Math.max(streamTime, timestamp);
      input.add(new Input("k" + random.nextInt(3), 1 + random.nextInt(100), timestamp));
    }
    return input;
  }

  /** The records a task accepts: not earlier than stream time (including them) minus the grace. */
  private static List<Input> accepted(List<Input> input) {
    List<Input> accepted = new ArrayList<>();
    long streamTime = Long.MIN_VALUE;
    for (Input record : input) {
      streamTime = Math.max(streamTime, record.timestamp());
      if (record.timestamp() >= streamTime - GRACE) {
        accepted.add(record);
      }
    }
    return accepted;
  }

  /** The sliding windows of the records, from the definition, with the sum of their values. */
  private static Map<Windowed<String>, Long> recompute(List<Input> records) {
    Map<String, List<Input>> byKey = new HashMap<>();
    records.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
    Map<Windowed<String>, Long> windows = new HashMap<>();
    byKey.forEach(
        (key, keyed) -> {
          TreeSet<Long> starts = new TreeSet<>();
          for (Input record : keyed) {
            long t = record.timestamp();
            starts.add(Math.max(0, t - D));
            if (keyed.stream().anyMatch(o -> o.timestamp() > t && o.timestamp() <= t + 1 + D)) {
              starts.add(t + 1);
            }
          }
          for (long start : starts) {
            long sum =
                keyed.stream()
                    .filter(o -> o.timestamp() >= start && o.timestamp() <= start + D)
                    .mapToLong(Input::value)
                    .sum();
            windows.put(Windowed.of(key, start, start + D), sum);
          }
        });
    return windows;
  }

  private static Topology sums(Mode mode) {
    StreamsBuilder builder = new StreamsBuilder();
    TimeWindowedKStream<String, String> windowed =
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(
                SlidingWindows.ofTimeDifferenceAndGrace(
                    Duration.ofMillis(D), Duration.ofMillis(GRACE)));
    if (mode == Mode.FINAL) {
      windowed = windowed.emitFinal();
    }
    windowed
        .aggregate(
            () -> 0L,
            (key, value, sum) -> sum + Long.parseLong(value),
            Materialized.<String, Long>as("sums").withValueSerde(Serdes.Long()).inMemory())
        .toStream()
        .to("out", Produced.with(WINDOWED, Serdes.Long()));
    return builder.build();
  }

  /** Runs the input; returns every update of the input keys' windows, in order. */
  private static List<KeyValue<Windowed<String>, Long>> run(
      Mode mode, List<Input> input, long[] skipped) {
    Map<String, Object> config =
        mode == Mode.CACHED
            ? Map.of("state.cache.bytes", 1 << 20, SluiceConfig.COMMIT_INTERVAL_MS, 1000)
            : Map.of();
    try (TopologyTestDriver driver = new TopologyTestDriver(sums(mode), config)) {
      var in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      for (Input record : input) {
        in.pipe(record.key(), Long.toString(record.value()), record.timestamp());
      }
      skipped[0] = driver.skippedRecords();
      if (mode == Mode.FINAL) {
        in.pipe("closer", "0", FAR_FUTURE); // closes every window of the input
      }
      driver.advanceWallClock(Duration.ofSeconds(1)); // commits: flushes the cache
      List<KeyValue<Windowed<String>, Long>> updates = new ArrayList<>();
      for (KeyValue<Windowed<String>, Long> update :
          driver.outputTopic("out", WINDOWED, Serdes.Long()).readKeyValuesToList()) {
        if (!update.key().key().equals("closer")) {
          updates.add(update);
        }
      }
      return updates;
    }
  }

  private static Map<Windowed<String>, Long> latest(List<KeyValue<Windowed<String>, Long>> all) {
    Map<Windowed<String>, Long> latest = new HashMap<>();
    all.forEach(update -> latest.put(update.key(), update.value()));
    return latest;
  }

  @Test
  void eagerCachedAndFinalResultsMatchARecomputationFromTheDefinition() {
    for (long seed = 1; seed <= 3; seed++) {
      List<Input> input = randomInput(seed);
      List<Input> accepted = accepted(input);
      Map<Windowed<String>, Long> expected = recompute(accepted);
      assertThat(accepted.size()).as("seed %s: some records are late", seed).isLessThan(380);

      for (Mode mode : Mode.values()) {
        long[] skipped = new long[1];
        List<KeyValue<Windowed<String>, Long>> updates = run(mode, input, skipped);

        assertThat(latest(updates)).as("seed %s, %s", seed, mode).isEqualTo(expected);
        assertThat(skipped[0])
            .as("seed %s, %s: late records", seed, mode)
            .isEqualTo(input.size() - accepted.size());
        if (mode == Mode.FINAL) {
          assertThat(updates).as("seed %s: each window once", seed).hasSize(expected.size());
        }
      }
    }
  }
}

package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.Windowed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Window assignment against a brute-force model, and windowed serde round trips, over seeded random
 * sizes, advances, timestamps and keys.
 */
class WindowArithmeticTest {
  private static final long SEED = 20261121L;

  /** Every window start {@code s} (a multiple of the advance) with {@code s <= t < s + size}. */
  private static List<Long> bruteForceStarts(long size, long advance, long timestamp) {
    List<Long> starts = new ArrayList<>();
    for (long start = 0; start <= timestamp; start += advance) {
      if (timestamp < start + size) {
        starts.add(start);
      }
    }
    return starts;
  }

  private static List<Long> assignedStarts(TimeWindows windows, long timestamp) {
    long advance = windows.advance().toMillis();
    List<Long> starts = new ArrayList<>();
    for (long start = windows.firstWindowStart(timestamp); start <= timestamp; start += advance) {
      starts.add(start);
    }
    return starts;
  }

  @Test
  void aTimestampFallsInExactlyTheWindowsThatContainIt() {
    Random random = new Random(SEED);
    for (int i = 0; i < 2_000; i++) {
      long size = 1 + random.nextInt(50);
      long advance = 1 + random.nextInt((int) size);
      long timestamp = random.nextInt(500);
      TimeWindows windows =
          TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(size))
              .advanceBy(Duration.ofMillis(advance));

      assertThat(assignedStarts(windows, timestamp))
          .as("size %s, advance %s, timestamp %s", size, advance, timestamp)
          .isEqualTo(bruteForceStarts(size, advance, timestamp));
    }
  }

  @Test
  void windowedKeysSurviveASerdeRoundTrip() {
    Random random = new Random(SEED);
    Duration size = Duration.ofMinutes(5);
    Serde<Windowed<String>> timeWindowed = WindowedSerdes.timeWindowed(Serdes.String(), size);
    Serde<Windowed<String>> sessionWindowed = WindowedSerdes.sessionWindowed(Serdes.String());
    for (int i = 0; i < 1_000; i++) {
      String key = Long.toString(random.nextLong(), 36).repeat(random.nextInt(3));
      long start = (long) (random.nextDouble() * 4e12);
      Windowed<String> window = Windowed.of(key, start, start + size.toMillis());
      Windowed<String> session = Windowed.of(key, start, start + random.nextInt(1_000_000));

      assertThat(
              timeWindowed
                  .deserializer()
                  .deserialize("t", timeWindowed.serializer().serialize("t", window)))
          .isEqualTo(window);
      assertThat(
              sessionWindowed
                  .deserializer()
                  .deserialize("t", sessionWindowed.serializer().serialize("t", session)))
          .isEqualTo(session);
    }
  }
}

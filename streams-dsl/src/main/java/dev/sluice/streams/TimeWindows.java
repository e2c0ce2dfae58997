package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import java.time.Duration;

/**
 * Fixed-size time windows: tumbling ({@code advance == size}) or hopping ({@code advance < size}).
 * A window {@code [start, start + size)} holds the records whose timestamp is in it; window starts
 * are the multiples of the advance from epoch 0, so a hopping record belongs to {@code size /
 * advance} windows.
 *
 * <p>Grace: a window accepts out-of-order records until stream time (the highest timestamp the task
 * has seen) reaches {@code end + grace}. A record is late, exactly as in Kafka Streams, when {@code
 * windowEnd + grace <= streamTime} for the newest window it belongs to: at the boundary it is
 * already late. Late records are dropped and counted (see {@link TimeWindowedKStream}). A negative
 * grace is reported when the aggregation step is added, naming the step.
 *
 * @param size the window size, positive
 * @param advance the distance between window starts, positive and at most the size
 * @param grace how long after its end a window still accepts records
 */
public record TimeWindows(Duration size, Duration advance, Duration grace) {

  /** Checks size and advance; the grace is checked by the aggregation that uses the windows. */
  public TimeWindows {
    Checks.notNull(size, "size");
    Checks.notNull(advance, "advance");
    Checks.notNull(grace, "grace");
    Checks.argument(size.toMillis() > 0, "TimeWindows: size was %s; use a positive duration", size);
    Checks.argument(
        advance.toMillis() > 0 && advance.compareTo(size) <= 0,
        "TimeWindows: advance was %s; use a positive duration of at most the size %s",
        advance,
        size);
  }

  /**
   * Tumbling windows that close as soon as stream time reaches their end.
   *
   * @param size the window size, positive
   * @return the windows
   */
  public static TimeWindows ofSizeWithNoGrace(Duration size) {
    return ofSizeAndGrace(size, Duration.ZERO);
  }

  /**
   * Tumbling windows that accept out-of-order records for a grace period after their end.
   *
   * @param size the window size, positive
   * @param grace the grace period, {@code >= 0}
   * @return the windows
   */
  public static TimeWindows ofSizeAndGrace(Duration size, Duration grace) {
    return new TimeWindows(size, size, grace);
  }

  /**
   * Hopping windows: the same size and grace, starting every {@code advance}.
   *
   * @param advance the distance between window starts, positive and at most the size
   * @return the windows
   */
  public TimeWindows advanceBy(Duration advance) {
    return new TimeWindows(size, advance, grace);
  }

  /**
   * The start of the oldest window a timestamp belongs to; the others follow every {@link
   * #advance()} up to the timestamp itself.
   *
   * @param timestamp a record timestamp, {@code >= 0}
   * @return the first window start
   */
  public long firstWindowStart(long timestamp) {
    long advanceMs = advance.toMillis();
    return Math.max(0, timestamp - size.toMillis() + advanceMs) / advanceMs * advanceMs;
  }
}

package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import java.time.Duration;

/**
 * Sliding windows: per key, windows of a fixed size {@code timeDifference} with both ends
 * inclusive, placed by the records rather than by the epoch. Two records are in a common window
 * when their timestamps differ by at most the time difference.
 *
 * <p>Which windows exist (as in Kafka Streams, a window is created when a record enters or leaves
 * the sliding window): each record at {@code t} ends its own window {@code [t - timeDifference,
 * t]}, and each record at {@code t} starts a window {@code [t + 1, t + 1 + timeDifference]} right
 * after itself if some record falls into it. Together these are all the distinct sets of records a
 * window of that size can hold; a window holds every record in its range, so a record also updates
 * the existing windows it falls into. Windows never start before epoch 0: a record earlier than
 * {@code timeDifference} ends the window {@code [0, timeDifference]}.
 *
 * <p>Grace: a window is closed when stream time passes its end plus the grace ({@code end + grace <
 * streamTime}), the rule of {@link SessionWindows}. A record is late when the window it ends is
 * closed, i.e. when {@code timestamp + grace < streamTime}; late records are dropped and counted
 * (see {@link TimeWindowedKStream}). Every window a record that is not late touches is therefore
 * still open. (Kafka Streams still accepts such a record when only the window after it is open;
 * Sluice drops it, so that every window a record belongs to holds it.)
 *
 * <p>The windowed keys of the result carry {@code end = start + timeDifference}, the inclusive end;
 * read them with {@link WindowedSerdes#timeWindowed} of the time difference.
 *
 * @param timeDifference the largest time difference between two records of one window (the window
 *     size), positive
 * @param grace how long after its end a window still accepts records
 */
public record SlidingWindows(Duration timeDifference, Duration grace) {

  /** Checks the time difference; the grace is checked by the aggregation that uses the windows. */
  public SlidingWindows {
    Checks.notNull(timeDifference, "timeDifference");
    Checks.notNull(grace, "grace");
    Checks.argument(
        timeDifference.toMillis() > 0,
        "SlidingWindows: time difference was %s; use a positive duration",
        timeDifference);
  }

  /**
   * Sliding windows that close as soon as stream time passes their end.
   *
   * @param timeDifference the largest time difference between two records of one window, positive
   * @return the windows
   */
  public static SlidingWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
    return new SlidingWindows(timeDifference, Duration.ZERO);
  }

  /**
   * Sliding windows that accept out-of-order records for a grace period after their end.
   *
   * @param timeDifference the largest time difference between two records of one window, positive
   * @param grace the grace period, {@code >= 0}
   * @return the windows
   */
  public static SlidingWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration grace) {
    return new SlidingWindows(timeDifference, grace);
  }
}

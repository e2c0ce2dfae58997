package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import java.time.Duration;

/**
 * Session windows: per key, records closer than the inactivity gap form one session {@code [first
 * timestamp, last timestamp]} (both inclusive); a record that falls within the gap of two sessions
 * merges them.
 *
 * <p>Grace: a session accepts records until stream time passes its end plus the grace. As the end
 * is inclusive, a record is late, as in Kafka Streams, when the session it would form or join has
 * {@code end + grace < streamTime} (the same rule as time windows, whose exclusive end is one
 * millisecond later). A negative grace is reported when the aggregation step is added.
 *
 * @param inactivityGap the gap that ends a session, positive
 * @param grace how long after its end a session still accepts records
 */
public record SessionWindows(Duration inactivityGap, Duration grace) {

  /** Checks the gap; the grace is checked by the aggregation that uses the windows. */
  public SessionWindows {
    Checks.notNull(inactivityGap, "inactivityGap");
    Checks.notNull(grace, "grace");
    Checks.argument(
        inactivityGap.toMillis() > 0,
        "SessionWindows: inactivity gap was %s; use a positive duration",
        inactivityGap);
  }

  /**
   * Sessions that close as soon as stream time passes their end.
   *
   * @param inactivityGap the gap that ends a session, positive
   * @return the windows
   */
  public static SessionWindows ofInactivityGapWithNoGrace(Duration inactivityGap) {
    return new SessionWindows(inactivityGap, Duration.ZERO);
  }

  /**
   * Sessions that accept out-of-order records for a grace period after their end.
   *
   * @param inactivityGap the gap that ends a session, positive
   * @param grace the grace period, {@code >= 0}
   * @return the windows
   */
  public static SessionWindows ofInactivityGapAndGrace(Duration inactivityGap, Duration grace) {
    return new SessionWindows(inactivityGap, grace);
  }
}

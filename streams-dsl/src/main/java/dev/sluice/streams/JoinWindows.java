package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import java.time.Duration;

/**
 * How close in time two records must be for a stream-stream join to pair them: a record of this
 * stream at time {@code t} joins the other stream's records of the same key whose timestamps are in
 * {@code [t - before, t + after]}. Records are kept in window stores for {@code before + after +
 * grace}; a record that arrives when its partners can no longer be there (its timestamp is older
 * than stream time minus {@code before + after + grace}) is late: dropped and counted.
 *
 * @param before how far back the other stream's records may be
 * @param after how far ahead the other stream's records may be
 * @param grace how long out-of-order records are still accepted
 */
public record JoinWindows(Duration before, Duration after, Duration grace) {

  /** Checks that the durations are not negative. */
  public JoinWindows {
    Checks.notNull(before, "before");
    Checks.notNull(after, "after");
    Checks.notNull(grace, "grace");
    Checks.argument(
        !before.isNegative() && !after.isNegative() && !grace.isNegative(),
        "JoinWindows: before %s, after %s and grace %s must not be negative",
        before,
        after,
        grace);
  }

  /**
   * Records at most {@code timeDifference} apart, either way, with a grace period.
   *
   * @param timeDifference the largest time difference, {@code >= 0}
   * @param grace the grace period, {@code >= 0}
   * @return the windows
   */
  public static JoinWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration grace) {
    Checks.notNull(timeDifference, "timeDifference");
    return new JoinWindows(timeDifference, timeDifference, grace);
  }

  /**
   * Records at most {@code timeDifference} apart, either way, with no grace period.
   *
   * @param timeDifference the largest time difference, {@code >= 0}
   * @return the windows
   */
  public static JoinWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
    return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
  }

  /**
   * A copy with another lower bound.
   *
   * @param newBefore how far back the other stream's records may be
   * @return the copy
   */
  public JoinWindows withBefore(Duration newBefore) {
    return new JoinWindows(newBefore, after, grace);
  }

  /**
   * A copy with another upper bound.
   *
   * @param newAfter how far ahead the other stream's records may be
   * @return the copy
   */
  public JoinWindows withAfter(Duration newAfter) {
    return new JoinWindows(before, newAfter, grace);
  }
}

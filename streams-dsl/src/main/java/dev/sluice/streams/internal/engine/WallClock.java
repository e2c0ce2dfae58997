package dev.sluice.streams.internal.engine;

/** The wall clock a task reads: the system clock in the runtime, a fake one in the test driver. */
@FunctionalInterface
public interface WallClock {

  /**
   * The current time.
   *
   * @return epoch milliseconds
   */
  long nowMs();
}

package dev.sluice.streams;

/**
 * Decides what a {@link StreamsApplication} does when a stream thread dies of an exception. The
 * error is always logged and passed here; it is never swallowed.
 */
@FunctionalInterface
public interface StreamsUncaughtExceptionHandler {

  /** What to do after a thread died. */
  enum Response {
    /** Start a new thread in place of the dead one; its tasks are reassigned by a rebalance. */
    REPLACE_THREAD,
    /** Stop every thread of this instance; the application ends in {@code ERROR}. */
    SHUTDOWN_APPLICATION
  }

  /**
   * Handles one thread's death.
   *
   * @param error what killed the thread
   * @return the response
   */
  Response handle(Throwable error);
}

package dev.sluice.benchmarks.compare;

/**
 * Fails an invocation whose output differs from what the workload must produce: a benchmark that
 * computes something else is void.
 */
final class OutputCheck {
  private OutputCheck() {}

  /**
   * Checks a number the workload determines.
   *
   * @param what names the workload, the system and the number, for the message
   * @param actual what the run produced
   * @param expected what the workload must produce
   * @return {@code actual}
   */
  static long expect(String what, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalStateException(
          String.format("%s was %s, expected %s", what, actual, expected));
    }
    return actual;
  }
}

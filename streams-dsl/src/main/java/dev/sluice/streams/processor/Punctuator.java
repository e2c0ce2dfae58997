package dev.sluice.streams.processor;

/** A callback scheduled through {@link ProcessorContext#schedule}. */
@FunctionalInterface
public interface Punctuator {

  /**
   * Called when the schedule is due.
   *
   * @param timestamp the stream time or wall-clock time, in epoch milliseconds, at which it fires
   */
  void punctuate(long timestamp);
}

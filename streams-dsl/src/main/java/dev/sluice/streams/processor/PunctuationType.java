package dev.sluice.streams.processor;

/** Which clock drives a scheduled {@link Punctuator}. */
public enum PunctuationType {
  /** Fires when the task's stream time (the largest record timestamp seen) passes the schedule. */
  STREAM_TIME,
  /** Fires when the wall clock (injectable in the test driver) passes the schedule. */
  WALL_CLOCK_TIME
}

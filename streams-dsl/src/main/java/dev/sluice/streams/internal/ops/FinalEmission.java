package dev.sluice.streams.internal.ops;

import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.KeyValueStore;
import dev.sluice.state.Windowed;
import java.util.function.Consumer;

/**
 * The emit-final progress every windowed aggregation shares (time and sliding windows through
 * {@link WindowEmission}, sessions through {@link SessionAggregateProcessor}): the pending windows
 * are the aggregation's own persistent store, and this class keeps, in a logged companion key-value
 * store ({@code <store>-emitted}), how far emission got and the highest stream time seen.
 *
 * <p>Why the stream time is kept: a restarted task starts its stream time afresh, but windows
 * already emitted must stay closed, so the processor's stream time is the highest of the task's and
 * the persisted one. Why the progress mark: it is written in the same commit as the store's own
 * changes, so after a restart each window closed before the commit is not emitted again and each
 * one still pending is emitted once. The mark is a time (window start or session end): everything
 * at or before it was emitted, everything after it is pending. Single-threaded, like the task.
 */
final class FinalEmission {
  private static final String OBSERVED = "observed-stream-time";

  /**
   * Reads the windows whose time is in an inclusive range.
   *
   * @param <W> windowed key type
   * @param <A> aggregate type
   */
  @FunctionalInterface
  interface ClosedWindows<W, A> {
    /**
     * The windows to emit.
     *
     * @param from earliest time, inclusive, {@code >= 0}
     * @param to latest time, inclusive
     * @return an iterator to close
     */
    KeyValueIterator<Windowed<W>, A> between(long from, long to);
  }

  private final KeyValueStore<String, Long> marker;
  private final String emittedKey;
  private long emittedUpTo;
  private long observed;

  /**
   * Reads the persisted progress.
   *
   * @param marker the companion store
   * @param emittedKey the marker's key for the progress, naming what the time measures
   */
  FinalEmission(KeyValueStore<String, Long> marker, String emittedKey) {
    this.marker = marker;
    this.emittedKey = emittedKey;
    Long emitted = marker.get(emittedKey);
    Long seen = marker.get(OBSERVED);
    this.emittedUpTo = emitted == null ? -1 : emitted;
    this.observed = seen == null ? Long.MIN_VALUE : seen;
  }

  /**
   * The stream time to close windows by: the task's, or the persisted one if higher; persists it
   * when it grows.
   *
   * @param taskStreamTime the task's stream time
   * @return the stream time
   */
  long streamTime(long taskStreamTime) {
    if (taskStreamTime > observed) {
      observed = taskStreamTime;
      marker.put(OBSERVED, observed);
    }
    return observed;
  }

  /**
   * The time up to which (inclusive) every window was emitted.
   *
   * @return the time, -1 before the first emission
   */
  long emittedUpTo() {
    return emittedUpTo;
  }

  /**
   * Emits, once, every window whose time is after the last mark and at or before {@code upTo}, then
   * moves the mark.
   *
   * @param upTo the latest time to emit
   * @param closed reads the windows of a time range
   * @param emit forwards one final window
   * @param <W> windowed key type
   * @param <A> aggregate type
   */
  <W, A> void emitUpTo(
      long upTo, ClosedWindows<W, A> closed, Consumer<KeyValue<Windowed<W>, A>> emit) {
    if (upTo <= emittedUpTo) {
      return;
    }
    try (KeyValueIterator<Windowed<W>, A> windows = closed.between(emittedUpTo + 1, upTo)) {
      windows.forEachRemaining(emit);
    }
    emittedUpTo = upTo;
    marker.put(emittedKey, upTo);
  }
}

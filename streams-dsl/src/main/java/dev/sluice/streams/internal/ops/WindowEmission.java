package dev.sluice.streams.internal.ops;

import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueStore;
import dev.sluice.state.WindowStore;
import dev.sluice.state.Windowed;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.engine.StepContext;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.Record;

/**
 * How a fixed-size windowed aggregation (time or sliding windows) writes its windows and hands them
 * downstream; the processors decide which windows a record updates, this class does the rest, so
 * every window kind emits the same way.
 *
 * <p>Three modes, chosen at {@link #open}: eager without a cache (each write forwarded at once as
 * {@code Change(new, old)}), eager with a cache (each window once per flush, from the cache's
 * listener), and final (each window once, when it closes). In final mode the window store is the
 * buffer of pending windows: before a record's own writes, every window that closed since the last
 * record is read back from the store and forwarded with the timestamp of its last millisecond, and
 * the companion key-value store remembers up to which window start everything was emitted and the
 * highest stream time seen ({@link FinalEmission}, shared with session windows). Both go to their
 * changelogs in the same commit as the window writes, so a restarted task neither repeats nor loses
 * a window, and its stream time (which restarts afresh) never reopens an emitted window. Emitting
 * before writing means a stream-time jump cannot expire a pending window's segment before it is
 * read.
 *
 * <p>A window of the store is {@code [start, start + lengthMs)}; its key downstream is whatever the
 * {@link WindowKey} makes of it (time windows: exclusive end; sliding windows: inclusive end).
 *
 * @param <K> key type
 * @param <A> aggregate type
 */
final class WindowEmission<K, A> {
  private static final String EMITTED = "emitted-up-to-start";

  /**
   * The windowed key a window is emitted under.
   *
   * @param <K> key type
   */
  @FunctionalInterface
  interface WindowKey<K> {
    /**
     * The windowed key.
     *
     * @param key the record key
     * @param start the window start
     * @return the windowed key
     */
    Windowed<K> of(K key, long start);
  }

  private final ProcessorContext<Object, Object> context;
  private final StepContext stepContext;
  private final WindowStore<K, A> store;
  private final long lengthMs;
  private final WindowKey<K> windowKey;
  private final String lateChild;
  private final FinalEmission emission;
  private final boolean forwardEachWrite;

  private WindowEmission(
      ProcessorContext<Object, Object> context,
      WindowAggregation<K, ?, A> aggregation,
      long lengthMs,
      WindowKey<K> windowKey) {
    Checks.invariant(
        context instanceof StepContext,
        "step '%s' runs outside a task's context",
        aggregation.step());
    this.context = context;
    this.stepContext = (StepContext) context;
    this.store = context.getStateStore(aggregation.storeName());
    this.lengthMs = lengthMs;
    this.windowKey = windowKey;
    this.lateChild = aggregation.lateChild();
    boolean cached = stepContext.cached(aggregation.storeName());
    if (aggregation.markerStoreName() != null) {
      KeyValueStore<String, Long> marker = context.getStateStore(aggregation.markerStoreName());
      emission = new FinalEmission(marker, EMITTED);
    } else {
      emission = null;
      if (cached) {
        stepContext.<Windowed<K>, A>onCacheFlush(
            aggregation.storeName(),
            (window, newValue, oldValue, timestamp) ->
                forward(window.key(), window.start(), newValue, oldValue, timestamp));
      }
    }
    this.forwardEachWrite = emission == null && !cached;
  }

  /**
   * Opens the emission of a step, in its {@code init}.
   *
   * @param context the step's context
   * @param aggregation what the step does
   * @param lengthMs the length of a window in the store (its exclusive end minus its start)
   * @param windowKey the windowed key a window is emitted under
   * @param <K> key type
   * @param <A> aggregate type
   * @return the emission
   */
  static <K, A> WindowEmission<K, A> open(
      ProcessorContext<Object, Object> context,
      WindowAggregation<K, ?, A> aggregation,
      long lengthMs,
      WindowKey<K> windowKey) {
    return new WindowEmission<>(context, aggregation, lengthMs, windowKey);
  }

  /**
   * The window store.
   *
   * @return the store
   */
  WindowStore<K, A> store() {
    return store;
  }

  /**
   * Drops (and counts) a record with a null key or value: it belongs to no window.
   *
   * @param record the record
   * @return true if it was dropped
   */
  boolean droppedNull(Record<?, ?> record) {
    if (record.key() != null && record.value() != null) {
      return false;
    }
    stepContext.recordDropped("null key or value: windowed aggregations skip it");
    return true;
  }

  /**
   * Brings the step up to the current record: the close time, after (in final mode) remembering the
   * stream time and emitting every window that closed. A window is closed when its exclusive end is
   * at or before the close time, or when it was already emitted.
   *
   * @param graceMs the grace period
   * @return the close time, {@code streamTime - grace}
   */
  long advance(long graceMs) {
    if (emission == null) {
      return context.currentStreamTimeMs() - graceMs;
    }
    long closeTime = emission.streamTime(context.currentStreamTimeMs()) - graceMs;
    emission.emitUpTo(closeTime - lengthMs, store::fetchAll, this::emitFinal);
    return closeTime;
  }

  /**
   * Whether a window was emitted as final (and must not change any more).
   *
   * @param start the window start
   * @return true if it was
   */
  boolean emitted(long start) {
    return emission != null && start <= emission.emittedUpTo();
  }

  /**
   * Writes a window and forwards the change when eager without a cache.
   *
   * @param key the key
   * @param start the window start
   * @param next the new aggregate
   * @param current the previous aggregate, or null for a new window
   * @param timestamp the timestamp of the update downstream
   */
  void put(K key, long start, A next, A current, long timestamp) {
    store.put(key, next, start);
    if (forwardEachWrite) {
      forward(key, start, next, current, timestamp);
    }
  }

  /**
   * Drops a late record: counts it and, with a side output, forwards it to that child only.
   *
   * @param record the record
   * @param windowStart the start of the closed window it missed, for the side output's header
   * @param reason why it is late, for the log
   */
  void dropLate(Record<?, ?> record, long windowStart, String reason) {
    stepContext.recordDropped(reason);
    if (lateChild != null) {
      context.forward(
          record.withValue(new TimeWindowAggregateProcessor.Late(record.value(), windowStart)),
          lateChild);
    }
  }

  /** Forwards a closed window (exclusive end at or before the close time) as its final result. */
  private void emitFinal(KeyValue<Windowed<K>, A> window) {
    long start = window.key().start();
    forward(window.key().key(), start, window.value(), null, start + lengthMs - 1);
  }

  private void forward(K key, long start, A newValue, A oldValue, long timestamp) {
    context.forward(
        new Record<>(windowKey.of(key, start), new Change<>(newValue, oldValue), timestamp));
  }
}

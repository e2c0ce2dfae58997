package dev.sluice.streams.internal.ops;

import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.KeyValueStore;
import dev.sluice.state.WindowStore;
import dev.sluice.state.Windowed;
import dev.sluice.streams.TimeWindows;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.engine.StepContext;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;

/**
 * The one processor behind every time-windowed aggregation (count, reduce, aggregate; tumbling or
 * hopping; eager or final emission): each is this processor with a different {@link
 * StoreUpdateProcessor.Update} applied per window.
 *
 * <p>For each record: a null key or value is dropped and counted. Stream time is the task's, or in
 * final mode the highest of that and the one persisted in the companion store (a restarted task
 * starts its stream time afresh, but windows already emitted must stay closed). The close time is
 * {@code streamTime - grace}; a window is closed when {@code end <= closeTime}. A record whose
 * newest window is closed is late: counted as dropped and, when a side output is configured,
 * forwarded as a {@link Late} value to that one child. Otherwise every open window of the record is
 * updated in the window store.
 *
 * <p>Emission: eager mode forwards {@code Change(new, old)} per updated window, at once or from the
 * cache's flush listener. Final mode first forwards every window that closed since the last record
 * (read back from the store, which is the buffer), then stores how far it got in the companion
 * key-value store; the store writes and the marker go to their changelogs in the same commit, so
 * after a restart the pending windows are emitted once and the emitted ones not again. Closed
 * windows are emitted before the record's own writes, so a stream-time jump cannot expire a pending
 * window's segment before it is read.
 *
 * @param <K> key type
 * @param <V> input value type
 * @param <A> aggregate type
 */
public final class TimeWindowAggregateProcessor<K, V, A>
    implements Processor<K, V, Object, Object> {
  private static final String EMITTED = "emitted-up-to-start";
  private static final String OBSERVED = "observed-stream-time";

  /**
   * A late record on its way to the side output.
   *
   * @param value the record's value
   */
  public record Late(Object value) {}

  /**
   * What the step does.
   *
   * @param step the step name, for messages
   * @param storeName the window store
   * @param markerStoreName the companion store of final mode, or null for eager emission
   * @param windows the windows; the grace is {@code >= 0}
   * @param update computes a window's new aggregate
   * @param lateChild the child that writes late records, or null
   * @param <K> key type
   * @param <V> input value type
   * @param <A> aggregate type
   */
  public record Config<K, V, A>(
      String step,
      String storeName,
      String markerStoreName,
      TimeWindows windows,
      StoreUpdateProcessor.Update<K, V, A> update,
      String lateChild) {}

  private final Config<K, V, A> config;
  private final long sizeMs;
  private final long advanceMs;
  private final long graceMs;
  private ProcessorContext<Object, Object> context;
  private StepContext stepContext;
  private WindowStore<K, A> store;
  private KeyValueStore<String, Long> marker;
  private boolean forwardEachWrite;
  private long emittedUpToStart = -1;
  private long observed = Long.MIN_VALUE;

  private TimeWindowAggregateProcessor(Config<K, V, A> config) {
    this.config = config;
    this.sizeMs = config.windows().size().toMillis();
    this.advanceMs = config.windows().advance().toMillis();
    this.graceMs = config.windows().grace().toMillis();
  }

  /**
   * A supplier of these processors.
   *
   * @param config what the step does
   * @param <K> key type
   * @param <V> input value type
   * @param <A> aggregate type
   * @return the supplier
   */
  public static <K, V, A> ProcessorSupplier<K, V, Object, Object> of(Config<K, V, A> config) {
    return () -> new TimeWindowAggregateProcessor<>(config);
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    Checks.invariant(
        context instanceof StepContext, "step '%s' runs outside a task's context", config.step());
    this.context = context;
    this.stepContext = (StepContext) context;
    this.store = context.getStateStore(config.storeName());
    boolean cached = stepContext.cached(config.storeName());
    if (config.markerStoreName() != null) {
      marker = context.getStateStore(config.markerStoreName());
      Long emitted = marker.get(EMITTED);
      Long seen = marker.get(OBSERVED);
      emittedUpToStart = emitted == null ? -1 : emitted;
      observed = seen == null ? Long.MIN_VALUE : seen;
    } else if (cached) {
      stepContext.<Windowed<K>, A>onCacheFlush(
          config.storeName(),
          (window, newValue, oldValue, timestamp) ->
              context.forward(
                  new Record<>(
                      windowed(window.key(), window.start()),
                      change(newValue, oldValue),
                      timestamp)));
    }
    this.forwardEachWrite = marker == null && !cached;
  }

  @Override
  public void process(Record<K, V> record) {
    if (record.key() == null || record.value() == null) {
      stepContext.recordDropped("null key or value: windowed aggregations skip it");
      return;
    }
    long streamTime = Math.max(context.currentStreamTimeMs(), observed);
    long closeTime = streamTime - graceMs;
    if (marker != null) {
      if (streamTime > observed) {
        observed = streamTime;
        marker.put(OBSERVED, observed);
      }
      emitClosed(closeTime);
    }
    long timestamp = record.timestamp();
    long newestStart = timestamp - timestamp % advanceMs;
    if (newestStart + sizeMs <= closeTime || newestStart <= emittedUpToStart) {
      stepContext.recordDropped(
          String.format(
              "late record at %d: window [%d, %d) closed at stream time %d with grace %d ms",
              timestamp, newestStart, newestStart + sizeMs, streamTime, graceMs));
      if (config.lateChild() != null) {
        context.forward(record.withValue(new Late(record.value())), config.lateChild());
      }
      return;
    }
    for (long start = config.windows().firstWindowStart(timestamp);
        start <= newestStart;
        start += advanceMs) {
      if (start + sizeMs > closeTime && start > emittedUpToStart) {
        update(record, start);
      }
    }
  }

  private void update(Record<K, V> record, long start) {
    A current = store.fetch(record.key(), start);
    A next = config.update().apply(record.key(), record.value(), current);
    if (next == null && current == null) {
      return;
    }
    store.put(record.key(), next, start);
    if (forwardEachWrite) {
      context.forward(
          new Record<>(windowed(record.key(), start), change(next, current), record.timestamp()));
    }
  }

  /** Forwards, once, every window whose end is at or before the close time. */
  private void emitClosed(long closeTime) {
    long upToStart = closeTime - sizeMs;
    if (upToStart <= emittedUpToStart) {
      return;
    }
    try (KeyValueIterator<Windowed<K>, A> closed =
        store.fetchAll(emittedUpToStart + 1, upToStart)) {
      while (closed.hasNext()) {
        KeyValue<Windowed<K>, A> window = closed.next();
        long start = window.key().start();
        context.forward(
            new Record<>(
                windowed(window.key().key(), start),
                change(window.value(), null),
                start + sizeMs - 1));
      }
    }
    emittedUpToStart = upToStart;
    marker.put(EMITTED, upToStart);
  }

  private Windowed<K> windowed(K key, long start) {
    return Windowed.of(key, start, start + sizeMs);
  }

  private static <A> Object change(A newValue, A oldValue) {
    return new Change<>(newValue, oldValue);
  }
}

package dev.sluice.streams.internal.ops;

import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.KeyValueStore;
import dev.sluice.state.SessionStore;
import dev.sluice.state.Windowed;
import dev.sluice.streams.SessionWindows;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.engine.StepContext;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * The one processor behind every session-windowed aggregation (count, reduce, aggregate): each is
 * this processor with a different {@link StoreUpdateProcessor.Update} and {@link Merge}.
 *
 * <p>For each record at time {@code t}: the key's sessions that end at or after {@code t - gap} and
 * start at or before {@code t + gap} are merged with it into one session spanning all of them
 * (their aggregates merged in session order, then the record folded in). If that session's end plus
 * the grace is before stream time the record is late: dropped, counted and, with a side output,
 * forwarded as {@link TimeWindowAggregateProcessor.Late} to that child only. Otherwise the
 * merged-away sessions are removed and the new one is written; without a cache the removals are
 * emitted as {@code Change(null, old)} and the session as {@code Change(new, old)} ({@code old}
 * only when its bounds did not change), with a cache its flush listener emits the same per session.
 *
 * <p>Final mode ({@link FinalEmission}): writes and removals are not emitted. Before each record,
 * every session with {@code end + gap + grace < streamTime} is read back from the store by end
 * ({@link SessionStore#findSessionsEndingBetween}) and emitted once as {@code Change(aggregate,
 * null)} at its end time; the gap counts because until then an in-order record within the gap may
 * still extend the session. Emitting before the record's writes means a stream-time jump cannot
 * expire (retention gap + grace) a pending session before it is read. A record that would merge a
 * session already emitted is late too (it can only happen for a record more than the grace behind
 * stream time that bridges to a newer session): a final result never changes.
 *
 * @param <K> key type
 * @param <V> input value type
 * @param <A> aggregate type
 */
public final class SessionAggregateProcessor<K, V, A> implements Processor<K, V, Object, Object> {
  private static final String EMITTED = "emitted-up-to-end";

  /**
   * Merges the aggregates of two sessions.
   *
   * @param <K> key type
   * @param <A> aggregate type
   */
  @FunctionalInterface
  public interface Merge<K, A> {
    /**
     * The merged aggregate.
     *
     * @param key the key
     * @param earlier the earlier session's aggregate
     * @param later the later session's aggregate
     * @return the merged aggregate
     */
    A apply(K key, A earlier, A later);
  }

  /**
   * What the step does.
   *
   * @param step the step name, for messages
   * @param storeName the session store
   * @param windows the sessions' gap and grace; the grace is {@code >= 0}
   * @param update folds a value into a session's aggregate (null when the session is new)
   * @param merge merges the aggregates of merged sessions
   * @param lateChild the child that writes late records, or null
   * @param markerStoreName the companion store of final mode, or null for eager emission
   * @param <K> key type
   * @param <V> input value type
   * @param <A> aggregate type
   */
  public record Config<K, V, A>(
      String step,
      String storeName,
      SessionWindows windows,
      StoreUpdateProcessor.Update<K, V, A> update,
      Merge<K, A> merge,
      String lateChild,
      String markerStoreName) {}

  private final Config<K, V, A> config;
  private final long gapMs;
  private final long graceMs;
  private ProcessorContext<Object, Object> context;
  private StepContext stepContext;
  private SessionStore<K, A> store;
  private boolean cached;
  private FinalEmission emission;

  private boolean forwardEachWrite() {
    return emission == null && !cached;
  }

  private SessionAggregateProcessor(Config<K, V, A> config) {
    this.config = config;
    this.gapMs = config.windows().inactivityGap().toMillis();
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
    return () -> new SessionAggregateProcessor<>(config);
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    Checks.invariant(
        context instanceof StepContext, "step '%s' runs outside a task's context", config.step());
    this.context = context;
    this.stepContext = (StepContext) context;
    this.store = context.getStateStore(config.storeName());
    this.cached = stepContext.cached(config.storeName());
    if (config.markerStoreName() != null) {
      KeyValueStore<String, Long> marker = context.getStateStore(config.markerStoreName());
      emission = new FinalEmission(marker, EMITTED);
    } else if (cached) {
      stepContext.<Windowed<K>, A>onCacheFlush(
          config.storeName(),
          (session, newValue, oldValue, timestamp) ->
              context.forward(new Record<>(session, new Change<>(newValue, oldValue), timestamp)));
    }
  }

  @Override
  public void process(Record<K, V> record) {
    K key = record.key();
    if (key == null || record.value() == null) {
      stepContext.recordDropped("null key or value: session aggregations skip it");
      return;
    }
    long streamTime =
        emission == null
            ? context.currentStreamTimeMs()
            : emission.streamTime(context.currentStreamTimeMs());
    if (emission != null) {
      emission.emitUpTo(
          streamTime - gapMs - graceMs - 1, store::findSessionsEndingBetween, this::emitFinal);
    }
    long timestamp = record.timestamp();
    List<KeyValue<Windowed<K>, A>> overlapping = new ArrayList<>();
    try (KeyValueIterator<Windowed<K>, A> sessions =
        store.findSessions(key, Math.max(0, timestamp - gapMs), timestamp + gapMs)) {
      sessions.forEachRemaining(overlapping::add);
    }
    long start = timestamp;
    long end = timestamp;
    long earliestEnd = Long.MAX_VALUE;
    A merged = null;
    for (KeyValue<Windowed<K>, A> session : overlapping) {
      earliestEnd = Math.min(earliestEnd, session.key().end());
      start = Math.min(start, session.key().start());
      end = Math.max(end, session.key().end());
      merged =
          merged == null ? session.value() : config.merge().apply(key, merged, session.value());
    }
    if (end + graceMs < streamTime) {
      late(
          record,
          start,
          String.format(
              "late record at %d: session [%d, %d] closed at stream time %d with grace %d ms",
              timestamp, start, end, streamTime, graceMs));
      return;
    }
    if (emission != null && earliestEnd <= emission.emittedUpTo()) {
      late(
          record,
          start,
          String.format(
              "late record at %d: it would merge a session ending at %d, emitted as final before"
                  + " stream time %d",
              timestamp, earliestEnd, streamTime));
      return;
    }
    write(record, Windowed.of(key, start, end), overlapping, merged);
  }

  private void late(Record<K, V> record, long sessionStart, String reason) {
    stepContext.recordDropped(reason);
    if (config.lateChild() != null) {
      context.forward(
          record.withValue(new TimeWindowAggregateProcessor.Late(record.value(), sessionStart)),
          config.lateChild());
    }
  }

  /** Forwards a closed session as its final result, at its end time. */
  private void emitFinal(KeyValue<Windowed<K>, A> session) {
    context.forward(
        new Record<>(session.key(), new Change<>(session.value(), null), session.key().end()));
  }

  private void write(
      Record<K, V> record, Windowed<K> session, List<KeyValue<Windowed<K>, A>> old, A merged) {
    A previous = null;
    for (KeyValue<Windowed<K>, A> replaced : old) {
      if (replaced.key().equals(session)) {
        previous = replaced.value();
        continue;
      }
      store.remove(replaced.key());
      if (forwardEachWrite()) {
        context.forward(
            new Record<>(replaced.key(), new Change<>(null, replaced.value()), record.timestamp()));
      }
    }
    A next = config.update().apply(record.key(), record.value(), merged);
    store.put(session, next);
    if (forwardEachWrite()) {
      context.forward(new Record<>(session, new Change<>(next, previous), record.timestamp()));
    }
  }
}

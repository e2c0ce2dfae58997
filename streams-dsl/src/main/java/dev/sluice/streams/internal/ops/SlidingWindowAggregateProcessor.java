package dev.sluice.streams.internal.ops;

import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.WindowStore;
import dev.sluice.state.Windowed;
import dev.sluice.streams.SlidingWindows;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * The processor behind every sliding-window aggregation (count, reduce, aggregate; eager or final
 * emission). With {@code d} the time difference, the windows of a key are {@code [s, s + d]} (both
 * ends inclusive; in the store the window {@code [s, s + d + 1)}): the left window {@code [t - d,
 * t]} of each record at {@code t} (clamped to {@code [0, d]}), and the right window {@code [t + 1,
 * t + 1 + d]} of each record at {@code t} that some later record falls into.
 *
 * <p>Invariant: every window of that definition over the accepted records exists in the store
 * (until retention) and holds the aggregate of exactly its records. It holds because a record is
 * accepted only when its left window is open ({@code t >= closeTime}), so every window the record
 * belongs to (all end at or after {@code t}) is open, and every window comes into existence, open,
 * with the arrival of one of its records. A new record at {@code t} then:
 *
 * <ol>
 *   <li>creates its right window, if a later record {@code m} (the latest in {@code (t, t + d]})
 *       falls into it and it does not exist: its records are those of the right window of the
 *       previous record {@code p} (the latest before {@code t}) when {@code p >= m - d}, else those
 *       of the left window of {@code m}. Both are read before step 2 adds this record to them;
 *   <li>adds itself to every existing window with a start in {@code [t - d, t]}: exactly the
 *       windows that hold {@code t};
 *   <li>creates its left window if it does not exist: the records of {@code [t - d, t)} are those
 *       of the right window of the latest record {@code x} before {@code t - d} when {@code x + 1 +
 *       d >= p}, else those of the left window of {@code p}, plus this record; none when {@code p <
 *       t - d};
 *   <li>creates the right window of {@code p}, holding just this record, if it now has a record and
 *       does not exist (it cannot hold another one, else it would exist).
 * </ol>
 *
 * The previous and later records come from a companion window store of record timestamps per key
 * ({@code <store>-record-times}, value: how many records at that time), as aggregates cannot tell
 * which records they hold. Both stores keep {@code 2(d + 1) + grace}: the oldest window or time
 * read for an accepted record starts at {@code closeTime - 2d - 1}.
 *
 * <p>Late records (left window closed) are dropped, counted and sent to the side output; emission
 * (eager, cached or final) is {@link WindowEmission}'s, with the store length {@code d + 1}, so a
 * final result carries the timestamp of the window's inclusive end.
 *
 * @param <K> key type
 * @param <V> input value type
 * @param <A> aggregate type
 */
public final class SlidingWindowAggregateProcessor<K, V, A>
    implements Processor<K, V, Object, Object> {
  private static final long NONE = -1;

  private final WindowAggregation<K, V, A> aggregation;
  private final long differenceMs;
  private final long graceMs;
  private WindowEmission<K, A> emission;
  private WindowStore<K, A> store;
  private WindowStore<K, Long> recordTimes;

  private SlidingWindowAggregateProcessor(
      WindowAggregation<K, V, A> aggregation, SlidingWindows windows) {
    this.aggregation = aggregation;
    this.differenceMs = windows.timeDifference().toMillis();
    this.graceMs = windows.grace().toMillis();
  }

  /**
   * A supplier of these processors.
   *
   * @param aggregation what the step does
   * @param windows the windows; the grace is {@code >= 0}
   * @param <K> key type
   * @param <V> input value type
   * @param <A> aggregate type
   * @return the supplier
   */
  public static <K, V, A> ProcessorSupplier<K, V, Object, Object> of(
      WindowAggregation<K, V, A> aggregation, SlidingWindows windows) {
    return () -> new SlidingWindowAggregateProcessor<>(aggregation, windows);
  }

  /**
   * The companion store of record timestamps of a sliding-window store.
   *
   * @param storeName the window store
   * @return {@code <store>-record-times}
   */
  public static String recordTimesStore(String storeName) {
    return storeName + "-record-times";
  }

  /**
   * How long a sliding-window store and its record-times store keep data.
   *
   * @param windows the windows
   * @return the retention in milliseconds
   */
  public static long retentionMs(SlidingWindows windows) {
    return 2 * (windows.timeDifference().toMillis() + 1) + windows.grace().toMillis();
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    emission =
        WindowEmission.open(
            context,
            aggregation,
            differenceMs + 1,
            (key, start) -> Windowed.of(key, start, start + differenceMs));
    store = emission.store();
    recordTimes = context.getStateStore(recordTimesStore(aggregation.storeName()));
  }

  @Override
  public void process(Record<K, V> record) {
    if (emission.droppedNull(record)) {
      return;
    }
    long closeTime = emission.advance(graceMs);
    long t = record.timestamp();
    long leftStart = Math.max(0, t - differenceMs);
    if (t < closeTime || emission.emitted(leftStart)) {
      emission.dropLate(
          record,
          leftStart,
          String.format(
              "late record at %d: its window [%d, %d] closed at stream time %d with grace %d ms",
              t, leftStart, leftStart + differenceMs, closeTime + graceMs, graceMs));
      return;
    }
    K key = record.key();
    Neighbours near = neighbours(key, t);
    if (near.latestAfter != NONE && store.fetch(key, t + 1) == null) {
      long source =
          near.previous != NONE && near.previous >= near.latestAfter - differenceMs
              ? near.previous + 1
              : Math.max(0, near.latestAfter - differenceMs);
      emission.put(key, t + 1, existing(key, source), null, near.latestAfter);
    }
    List<Long> holding = addToWindowsHolding(record, leftStart);
    if (!holding.contains(leftStart)) {
      A base = null;
      if (near.previous != NONE && near.previous >= t - differenceMs) {
        long source =
            near.beforeLeft != NONE && near.beforeLeft + 1 + differenceMs >= near.previous
                ? near.beforeLeft + 1
                : Math.max(0, near.previous - differenceMs);
        base = existing(key, source);
      }
      create(record, leftStart, base);
    }
    long previousRight = near.previous + 1;
    if (near.previous != NONE
        && previousRight >= t - differenceMs
        && previousRight != leftStart
        && !holding.contains(previousRight)) {
      create(record, previousRight, null);
    }
    Long count = recordTimes.fetch(key, t);
    recordTimes.put(key, count == null ? 1L : count + 1, t);
  }

  /** Adds the record to every window that holds its timestamp; returns their starts. */
  private List<Long> addToWindowsHolding(Record<K, V> record, long leftStart) {
    List<KeyValue<Long, A>> windows = new ArrayList<>();
    try (KeyValueIterator<Long, A> it = store.fetch(record.key(), leftStart, record.timestamp())) {
      it.forEachRemaining(windows::add);
    }
    List<Long> starts = new ArrayList<>(windows.size());
    for (KeyValue<Long, A> window : windows) {
      starts.add(window.key());
      A next = aggregation.update().apply(record.key(), record.value(), window.value());
      emission.put(record.key(), window.key(), next, window.value(), record.timestamp());
    }
    return starts;
  }

  private void create(Record<K, V> record, long start, A base) {
    A next = aggregation.update().apply(record.key(), record.value(), base);
    if (next != null) {
      emission.put(record.key(), start, next, null, record.timestamp());
    }
  }

  private A existing(K key, long start) {
    A value = store.fetch(key, start);
    Checks.invariant(
        value != null,
        "step '%s': the sliding window of key %s at %d, whose records a new window copies, is"
            + " missing",
        aggregation.step(),
        key,
        start);
    return value;
  }

  /** The record times around {@code t} that decide which windows a new record creates. */
  private Neighbours neighbours(K key, long t) {
    Neighbours near = new Neighbours();
    try (KeyValueIterator<Long, Long> times =
        recordTimes.fetch(key, Math.max(0, t - 2 * differenceMs - 1), t + differenceMs)) {
      while (times.hasNext()) {
        long time = times.next().key();
        if (time < t - differenceMs) {
          near.beforeLeft = time;
        }
        if (time < t) {
          near.previous = time;
        } else if (time > t) {
          near.latestAfter = time;
        }
      }
    }
    return near;
  }

  /** Latest record times: before {@code t - d}, before {@code t}, in {@code (t, t + d]}. */
  private static final class Neighbours {
    long beforeLeft = NONE;
    long previous = NONE;
    long latestAfter = NONE;
  }
}

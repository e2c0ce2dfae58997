package dev.sluice.streams;

import dev.sluice.state.Windowed;

/**
 * A grouped stream cut into {@link TimeWindows} or {@link SlidingWindows}, ready to be aggregated
 * per key and window into a table keyed by {@link Windowed} keys. Obtained from {@link
 * KGroupedStream#windowedBy}.
 *
 * <p>Sliding windows follow the same rules with their own window shape and lateness (see {@link
 * SlidingWindows}): a window {@code [start, start + timeDifference]} is kept in the store as {@code
 * [start, start + timeDifference + 1)}, for {@code 2 * (timeDifference + 1) + grace}, beside a
 * logged companion store {@code <store>-record-times} of each key's record timestamps (which decide
 * the windows a record creates); the windowed keys carry the inclusive end, a final result the
 * timestamp of that end, and an eager update the timestamp of the record (for a window created
 * after it, of the window's newest record).
 *
 * <p>The aggregates live in a window store named by {@link Materialized} (else {@code
 * <step>-store}) that keeps each window for size + grace; its changelog is compacted and deleted by
 * time. Records with a null key or value are dropped and counted as skipped. A record is late for
 * each of its windows that is closed ({@code windowEnd + grace <= streamTime}): as in Kafka
 * Streams, it updates its open windows and is dropped once per closed one, counted each time in the
 * task's skipped records and, with {@link #lateRecordsTo}, written unchanged to a side topic once
 * per closed window, with that window's start in the header {@code sluice.late.window.start}. So a
 * hopping record late for two of its three windows updates the third and counts twice.
 *
 * <p>Emission: by default every update of a window is emitted (once per key and window per commit
 * when the store is cached). With {@link #emitFinal()} each window is emitted once, when it closes;
 * the pending windows are the store itself (persistent unless materialized in memory), and the
 * progress of emission (and the highest stream time seen, written whenever it grows) is kept in a
 * logged companion store {@code <store>-emitted}, so a restarted task neither repeats nor loses a
 * window. A final result carries the timestamp {@code windowEnd - 1}. With {@code
 * Materialized.inMemory()} the pending windows are in memory and are rebuilt from the changelog.
 *
 * <p>Output: the table's keys use {@link WindowedSerdes#timeWindowed} of the key serde when that is
 * known (from {@link Grouped}, {@link Materialized} or upstream); otherwise pass one to {@code
 * Produced}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface TimeWindowedKStream<K, V> {

  /**
   * Emits each window once, when stream time passes its end plus the grace period, instead of on
   * every update.
   *
   * @return this windowed stream, emitting final results
   */
  TimeWindowedKStream<K, V> emitFinal();

  /**
   * Writes late records, unchanged, to a topic with the grouped stream's serdes: one record per
   * closed window missed, with the window start (epoch ms, decimal text) in the header {@code
   * sluice.late.window.start}.
   *
   * @param topic the side topic
   * @return this windowed stream, with a side output for late records
   */
  TimeWindowedKStream<K, V> lateRecordsTo(String topic);

  /**
   * Counts the records of each key and window.
   *
   * @return a windowed table of counts
   */
  KTable<Windowed<K>, Long> count();

  /**
   * Counts the records of each key and window into a configured store.
   *
   * @param materialized the store options (its value serde defaults to a long serde)
   * @return a windowed table of counts
   */
  KTable<Windowed<K>, Long> count(Materialized<K, Long> materialized);

  /**
   * Combines the values of each key and window.
   *
   * @param reducer combines the aggregate with a value
   * @return a windowed table of aggregates
   */
  KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

  /**
   * Combines the values of each key and window into a configured store.
   *
   * @param reducer combines the aggregate with a value
   * @param materialized the store options
   * @return a windowed table of aggregates
   */
  KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized);

  /**
   * Folds the values of each key and window into an aggregate of another type.
   *
   * @param initializer the starting aggregate of a new window
   * @param aggregator folds a value into the aggregate
   * @param <VA> aggregate type
   * @return a windowed table of aggregates (value serde: the builder default)
   */
  <VA> KTable<Windowed<K>, VA> aggregate(
      Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator);

  /**
   * Folds the values of each key and window into an aggregate kept in a configured store.
   *
   * @param initializer the starting aggregate of a new window
   * @param aggregator folds a value into the aggregate
   * @param materialized the store options, usually with the aggregate's value serde
   * @param <VA> aggregate type
   * @return a windowed table of aggregates
   */
  <VA> KTable<Windowed<K>, VA> aggregate(
      Initializer<VA> initializer,
      Aggregator<? super K, ? super V, VA> aggregator,
      Materialized<K, VA> materialized);
}

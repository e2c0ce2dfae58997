package dev.sluice.streams;

import dev.sluice.state.Windowed;

/**
 * A grouped stream cut into {@link SessionWindows}, ready to be aggregated per key and session into
 * a table keyed by {@link Windowed} keys ({@code end} is the session's last timestamp, inclusive).
 * Obtained from {@link KGroupedStream#windowedBy(SessionWindows)}.
 *
 * <p>The aggregates live in a session store named by {@link Materialized} (else {@code
 * <step>-store}) that keeps a session for gap + grace after its end; its changelog is compacted and
 * deleted by time. When a record joins or merges sessions, the table emits a deletion ({@code null}
 * value) for each session that no longer exists and the new session's aggregate; a record inside an
 * existing session updates it in place. Null keys and values are dropped and counted; late records
 * (see {@link SessionWindows}) are dropped, counted in the task's skipped records and, with {@link
 * #lateRecordsTo}, written unchanged to a side topic.
 *
 * <p>Emission: by default every update of a session is emitted, deletions of merged-away sessions
 * included (once per session per commit when the store is cached). With {@link #emitFinal()} each
 * session is emitted once, with no deletions, when stream time passes its {@code end + gap +
 * grace}: until then a record within the gap (and the grace) may still extend it. Sessions that
 * merge before then are emitted only as the merged session. The pending sessions are the session
 * store itself (persistent unless materialized in memory), read back in end order through its time
 * index, and the progress of emission and the highest stream time seen are kept in a logged
 * companion store {@code <store>-emitted}, so a restarted task neither repeats nor loses a session.
 * A final result carries the session's end as its timestamp. In final mode a record that would
 * merge a session already emitted is late as well (only a record more than the grace behind stream
 * time that bridges to a newer session can), so a final result never changes afterwards.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface SessionWindowedKStream<K, V> {

  /**
   * Emits each session once, when stream time passes its end plus the inactivity gap plus the grace
   * period, instead of on every update.
   *
   * @return this windowed stream, emitting final results
   */
  SessionWindowedKStream<K, V> emitFinal();

  /**
   * Writes late records, unchanged, to a topic with the grouped stream's serdes.
   *
   * @param topic the side topic
   * @return this windowed stream, with a side output for late records
   */
  SessionWindowedKStream<K, V> lateRecordsTo(String topic);

  /**
   * Counts the records of each session.
   *
   * @return a session table of counts
   */
  KTable<Windowed<K>, Long> count();

  /**
   * Counts the records of each session into a configured store.
   *
   * @param materialized the store options (its value serde defaults to a long serde)
   * @return a session table of counts
   */
  KTable<Windowed<K>, Long> count(Materialized<K, Long> materialized);

  /**
   * Combines the values of each session; merged sessions are combined with the same reducer, the
   * earlier session's aggregate first.
   *
   * @param reducer combines an aggregate with a value (or a later aggregate)
   * @return a session table of aggregates
   */
  KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

  /**
   * Combines the values of each session into a configured store.
   *
   * @param reducer combines an aggregate with a value (or a later aggregate)
   * @param materialized the store options
   * @return a session table of aggregates
   */
  KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized);

  /**
   * Folds the values of each session into an aggregate of another type.
   *
   * @param initializer the starting aggregate of a new session
   * @param aggregator folds a value into the aggregate
   * @param merger combines the aggregates of sessions a record merges
   * @param materialized the store options, usually with the aggregate's value serde
   * @param <VA> aggregate type
   * @return a session table of aggregates
   */
  <VA> KTable<Windowed<K>, VA> aggregate(
      Initializer<VA> initializer,
      Aggregator<? super K, ? super V, VA> aggregator,
      Merger<? super K, VA> merger,
      Materialized<K, VA> materialized);
}

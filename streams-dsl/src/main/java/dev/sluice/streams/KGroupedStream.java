package dev.sluice.streams;

/**
 * A stream grouped by key, ready to be aggregated into a {@link KTable}. Obtained from {@link
 * KStream#groupByKey()} or {@link KStream#groupBy}.
 *
 * <p>Records with a null key or a null value are dropped (and counted in the task's skipped
 * records): they belong to no group. The result table is backed by a store ({@link Materialized});
 * with caching (the default) its updates are emitted once per key per commit, otherwise once per
 * input record. Several aggregations of one grouping share one repartition topic.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KGroupedStream<K, V> {

  /**
   * Cuts each key's records into tumbling or hopping time windows, to aggregate per key and window.
   *
   * @param windows the windows, with their grace period
   * @return the windowed stream
   */
  TimeWindowedKStream<K, V> windowedBy(TimeWindows windows);

  /**
   * Cuts each key's records into sliding windows, defined by the records themselves, to aggregate
   * per key and window. The windowed keys of the result carry the inclusive window end ({@code
   * start + timeDifference}).
   *
   * @param windows the sliding windows, with their grace period
   * @return the windowed stream
   */
  TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows);

  /**
   * Cuts each key's records into sessions separated by an inactivity gap, to aggregate per session.
   *
   * @param windows the session windows, with their grace period
   * @return the session-windowed stream
   */
  SessionWindowedKStream<K, V> windowedBy(SessionWindows windows);

  /**
   * Counts the records of each key.
   *
   * @return a table of counts
   */
  KTable<K, Long> count();

  /**
   * Counts the records of each key, as a named step.
   *
   * @param named the step name (the store is named {@code <name>-store} unless materialized)
   * @return a table of counts
   */
  KTable<K, Long> count(Named named);

  /**
   * Counts the records of each key into a configured store.
   *
   * @param materialized the store options (its value serde defaults to a long serde)
   * @return a table of counts
   */
  KTable<K, Long> count(Materialized<K, Long> materialized);

  /**
   * Counts the records of each key, as a named step, into a configured store.
   *
   * @param named the step name
   * @param materialized the store options
   * @return a table of counts
   */
  KTable<K, Long> count(Named named, Materialized<K, Long> materialized);

  /**
   * Combines the values of each key: the first value is the start, each later one is combined.
   *
   * @param reducer combines the aggregate with a value
   * @return a table of aggregates
   */
  KTable<K, V> reduce(Reducer<V> reducer);

  /**
   * Combines the values of each key into a configured store.
   *
   * @param reducer combines the aggregate with a value
   * @param materialized the store options
   * @return a table of aggregates
   */
  KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized);

  /**
   * Combines the values of each key, as a named step, into a configured store.
   *
   * @param reducer combines the aggregate with a value
   * @param named the step name
   * @param materialized the store options
   * @return a table of aggregates
   */
  KTable<K, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V> materialized);

  /**
   * Folds the values of each key into an aggregate of another type.
   *
   * @param initializer the starting aggregate of a new key
   * @param aggregator folds a value into the aggregate
   * @param <VA> aggregate type
   * @return a table of aggregates (its value serde is the builder default unless materialized)
   */
  <VA> KTable<K, VA> aggregate(
      Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator);

  /**
   * Folds the values of each key into an aggregate kept in a configured store.
   *
   * @param initializer the starting aggregate of a new key
   * @param aggregator folds a value into the aggregate
   * @param materialized the store options, usually with the aggregate's value serde
   * @param <VA> aggregate type
   * @return a table of aggregates
   */
  <VA> KTable<K, VA> aggregate(
      Initializer<VA> initializer,
      Aggregator<? super K, ? super V, VA> aggregator,
      Materialized<K, VA> materialized);

  /**
   * Folds the values of each key, as a named step, into a configured store.
   *
   * @param initializer the starting aggregate of a new key
   * @param aggregator folds a value into the aggregate
   * @param named the step name
   * @param materialized the store options
   * @param <VA> aggregate type
   * @return a table of aggregates
   */
  <VA> KTable<K, VA> aggregate(
      Initializer<VA> initializer,
      Aggregator<? super K, ? super V, VA> aggregator,
      Named named,
      Materialized<K, VA> materialized);
}

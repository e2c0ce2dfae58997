package dev.sluice.streams;

/**
 * A table re-grouped by a new key, ready to be aggregated. Every row update arrives as the removal
 * of its old value from its old group (the subtractor) and the addition of its new value to its new
 * group (the adder), so aggregates stay right when rows move between groups or are deleted.
 *
 * @param <K> the new key type
 * @param <V> the new value type
 */
public interface KGroupedTable<K, V> {

  /**
   * Counts the rows of each group (a group whose rows all left keeps a count of 0).
   *
   * @return a table of counts
   */
  KTable<K, Long> count();

  /**
   * Counts the rows of each group into a configured store.
   *
   * @param materialized the store options (its value serde defaults to a long serde)
   * @return a table of counts
   */
  KTable<K, Long> count(Materialized<K, Long> materialized);

  /**
   * Combines the rows of each group.
   *
   * @param adder combines the aggregate with a row that joined the group
   * @param subtractor removes a row that left the group from the aggregate
   * @return a table of aggregates
   */
  KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor);

  /**
   * Combines the rows of each group into a configured store.
   *
   * @param adder combines the aggregate with a row that joined the group
   * @param subtractor removes a row that left the group from the aggregate
   * @param materialized the store options
   * @return a table of aggregates
   */
  KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Materialized<K, V> materialized);

  /**
   * Folds the rows of each group into an aggregate.
   *
   * @param initializer the starting aggregate of a new group
   * @param adder folds in a row that joined the group
   * @param subtractor folds out a row that left the group
   * @param <VA> aggregate type
   * @return a table of aggregates
   */
  <VA> KTable<K, VA> aggregate(
      Initializer<VA> initializer,
      Aggregator<? super K, ? super V, VA> adder,
      Aggregator<? super K, ? super V, VA> subtractor);

  /**
   * Folds the rows of each group into an aggregate kept in a configured store.
   *
   * @param initializer the starting aggregate of a new group
   * @param adder folds in a row that joined the group
   * @param subtractor folds out a row that left the group
   * @param materialized the store options
   * @param <VA> aggregate type
   * @return a table of aggregates
   */
  <VA> KTable<K, VA> aggregate(
      Initializer<VA> initializer,
      Aggregator<? super K, ? super V, VA> adder,
      Aggregator<? super K, ? super V, VA> subtractor,
      Materialized<K, VA> materialized);
}

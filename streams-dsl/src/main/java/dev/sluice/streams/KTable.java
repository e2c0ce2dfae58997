package dev.sluice.streams;

/**
 * A changelog stream read as a table: the latest value per key, where a null value (a tombstone)
 * deletes the key. Obtained from {@link StreamsBuilder#table}, {@link KStream#toTable()} or an
 * aggregation.
 *
 * <p>Each update carries the key's new and previous value, so that derived tables (filters,
 * re-groupings) can retract what they emitted before. A table backed by a cached store emits its
 * updates when the store is flushed (each commit), one per key changed since the last commit;
 * without a cache, one per update.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KTable<K, V> {

  /**
   * A table of the rows that match; a row that stops matching is deleted downstream.
   *
   * @param predicate the test on key and value
   * @return the filtered table
   */
  KTable<K, V> filter(Predicate<? super K, ? super V> predicate);

  /**
   * A table of the rows that match, as a named step.
   *
   * @param predicate the test on key and value
   * @param named the step name
   * @return the filtered table
   */
  KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

  /**
   * A table of the rows that do not match.
   *
   * @param predicate the test on key and value
   * @return the filtered table
   */
  KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate);

  /**
   * A table of the rows that do not match, as a named step.
   *
   * @param predicate the test on key and value
   * @param named the step name
   * @return the filtered table
   */
  KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

  /**
   * A table with each value mapped (deletions stay deletions).
   *
   * @param mapper maps a value, never called with null
   * @param <VR> new value type
   * @return the mapped table
   */
  <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

  /**
   * A table with each value mapped, as a named step.
   *
   * @param mapper maps a value, never called with null
   * @param named the step name
   * @param <VR> new value type
   * @return the mapped table
   */
  <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

  /**
   * The table's updates as a stream: each update's key and new value, null for a deletion.
   *
   * @return the stream
   */
  KStream<K, V> toStream();

  /**
   * The table's updates as a stream, as a named step.
   *
   * @param named the step name
   * @return the stream
   */
  KStream<K, V> toStream(Named named);

  /**
   * Re-groups the rows by a new key, always through a repartition topic. When a row changes or is
   * deleted, its previous value is subtracted from its previous group.
   *
   * @param selector maps a row to its new key and value
   * @param <KR> new key type
   * @param <VR> new value type
   * @return the grouped table
   */
  <KR, VR> KGroupedTable<KR, VR> groupBy(
      KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector);

  /**
   * Re-groups the rows by a new key with these serdes and repartition name.
   *
   * @param selector maps a row to its new key and value
   * @param grouped the serdes of the new key and value, and the repartition name
   * @param <KR> new key type
   * @param <VR> new value type
   * @return the grouped table
   */
  <KR, VR> KGroupedTable<KR, VR> groupBy(
      KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector, Grouped<KR, VR> grouped);

  /**
   * Joins this table with another on the key: a table that changes whenever either side does. An
   * update on one side looks up the other side's current row (both sides are kept in stores; a
   * table without a store of its own, such as a {@code filter} result, is materialized for the join
   * in {@code <step>.materialize-store}). The result has a row while both sides have one; when a
   * side is deleted, the result row is deleted (a null value downstream). Both tables must be
   * co-partitioned.
   *
   * @param other the other table, from the same builder
   * @param joiner combines this table's value with the other's, never with a null
   * @param <VO> the other table's value type
   * @param <VR> result value type
   * @return the joined table, named {@code <this step>.join}
   */
  <VO, VR> KTable<K, VR> join(
      KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

  /**
   * Like {@link #join(KTable, ValueJoiner)}, but the result has a row for every row of this table:
   * the joiner gets null for a missing other row.
   *
   * @param other the other table, from the same builder
   * @param joiner combines this table's value, never null, with the other's, or null
   * @param <VO> the other table's value type
   * @param <VR> result value type
   * @return the joined table, named {@code <this step>.leftJoin}
   */
  <VO, VR> KTable<K, VR> leftJoin(
      KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

  /**
   * Like {@link #join(KTable, ValueJoiner)}, but the result has a row while either side has one:
   * the joiner gets null for the missing side.
   *
   * @param other the other table, from the same builder
   * @param joiner combines this table's value with the other's; at most one of them is null
   * @param <VO> the other table's value type
   * @param <VR> result value type
   * @return the joined table, named {@code <this step>.outerJoin}
   */
  <VO, VR> KTable<K, VR> outerJoin(
      KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);
}

package dev.sluice.streams;

import java.util.function.Function;

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
   * Like {@link #join(KTable, ValueJoiner)}, as a named step: the side steps are {@code
   * <name>.left} and {@code <name>.right}, so the names stay whatever else changes upstream.
   *
   * @param other the other table, from the same builder
   * @param joiner combines this table's value with the other's, as in {@link #join(KTable,
   *     ValueJoiner)}
   * @param named the step name
   * @param <VO> the other table's value type
   * @param <VR> result value type
   * @return the joined table, named {@code named}
   */
  <VO, VR> KTable<K, VR> join(
      KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named);

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
   * Like {@link #leftJoin(KTable, ValueJoiner)}, as a named step: the side steps are {@code
   * <name>.left} and {@code <name>.right}, so the names stay whatever else changes upstream.
   *
   * @param other the other table, from the same builder
   * @param joiner combines this table's value with the other's, as in {@link #leftJoin(KTable,
   *     ValueJoiner)}
   * @param named the step name
   * @param <VO> the other table's value type
   * @param <VR> result value type
   * @return the joined table, named {@code named}
   */
  <VO, VR> KTable<K, VR> leftJoin(
      KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named);

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

  /**
   * Like {@link #outerJoin(KTable, ValueJoiner)}, as a named step: the side steps are {@code
   * <name>.left} and {@code <name>.right}, so the names stay whatever else changes upstream.
   *
   * @param other the other table, from the same builder
   * @param joiner combines this table's value with the other's, as in {@link #outerJoin(KTable,
   *     ValueJoiner)}
   * @param named the step name
   * @param <VO> the other table's value type
   * @param <VR> result value type
   * @return the joined table, named {@code named}
   */
  <VO, VR> KTable<K, VR> outerJoin(
      KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named);

  /**
   * Joins this table with another on a foreign key: each row of this table points at the other
   * table's row whose key {@code foreignKeyExtractor} takes from this row's value. The result is
   * keyed like this table and has a row while this row and the row it points at both exist. It
   * changes when this row changes (including pointing at another row: the result is then replaced
   * by the join with the new row, or deleted if there is none) and when the row it points at
   * changes (every row of this table pointing at it is updated). A null foreign key points at no
   * row.
   *
   * <p>The tables need not be co-partitioned: this table's rows subscribe to the other table's rows
   * through the internal topic {@code <application.id>-<step>-subscription-repartition} (keyed by
   * foreign key, with the other table's partition count) and the answers come back through {@code
   * <application.id>-<step>-response-repartition} (keyed by this table's key, with its partition
   * count). The other table's task keeps the subscriptions in {@code <step>-subscription-store},
   * change-logged. Answers to a value this row no longer has (from the foreign key it pointed at
   * before) are recognised by a hash of that value and dropped, so they never overwrite a newer
   * result. The result is kept in the store {@code <step>-store}.
   *
   * @param other the other table, from the same builder
   * @param foreignKeyExtractor takes the other table's key from this table's value (never null); it
   *     may return null
   * @param joiner combines this table's value with the other's, never with a null
   * @param <VR> result value type
   * @param <KO> the other table's key type
   * @param <VO> the other table's value type
   * @return the joined table, named {@code <this step>.join}
   */
  <VR, KO, VO> KTable<K, VR> join(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

  /**
   * Like {@link #join(KTable, Function, ValueJoiner)}, as a named step: the internal topics and the
   * stores derive from the name.
   *
   * @param other the other table, from the same builder
   * @param foreignKeyExtractor takes the other table's key from this table's value
   * @param joiner combines this table's value with the other's, never with a null
   * @param named the step name
   * @param <VR> result value type
   * @param <KO> the other table's key type
   * @param <VO> the other table's value type
   * @return the joined table
   */
  <VR, KO, VO> KTable<K, VR> join(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      Named named);

  /**
   * Like {@link #join(KTable, Function, ValueJoiner)}, with the result kept in a store with these
   * options (its name, value serde, persistence, caching and logging).
   *
   * @param other the other table, from the same builder
   * @param foreignKeyExtractor takes the other table's key from this table's value
   * @param joiner combines this table's value with the other's, never with a null
   * @param materialized the result store's options
   * @param <VR> result value type
   * @param <KO> the other table's key type
   * @param <VO> the other table's value type
   * @return the joined table
   */
  <VR, KO, VO> KTable<K, VR> join(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      Materialized<K, VR> materialized);

  /**
   * Like {@link #join(KTable, Function, ValueJoiner)}, as a named step with the result kept in a
   * store with these options.
   *
   * @param other the other table, from the same builder
   * @param foreignKeyExtractor takes the other table's key from this table's value
   * @param joiner combines this table's value with the other's, never with a null
   * @param named the step name
   * @param materialized the result store's options
   * @param <VR> result value type
   * @param <KO> the other table's key type
   * @param <VO> the other table's value type
   * @return the joined table
   */
  <VR, KO, VO> KTable<K, VR> join(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      Named named,
      Materialized<K, VR> materialized);

  /**
   * Like {@link #join(KTable, Function, ValueJoiner)}, but the result has a row for every row of
   * this table: the joiner gets null when the foreign key is null or points at no row.
   *
   * @param other the other table, from the same builder
   * @param foreignKeyExtractor takes the other table's key from this table's value (never null); it
   *     may return null
   * @param joiner combines this table's value, never null, with the other's, or null
   * @param <VR> result value type
   * @param <KO> the other table's key type
   * @param <VO> the other table's value type
   * @return the joined table, named {@code <this step>.leftJoin}
   */
  <VR, KO, VO> KTable<K, VR> leftJoin(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

  /**
   * Like {@link #leftJoin(KTable, Function, ValueJoiner)}, as a named step.
   *
   * @param other the other table, from the same builder
   * @param foreignKeyExtractor takes the other table's key from this table's value
   * @param joiner combines this table's value, never null, with the other's, or null
   * @param named the step name
   * @param <VR> result value type
   * @param <KO> the other table's key type
   * @param <VO> the other table's value type
   * @return the joined table
   */
  <VR, KO, VO> KTable<K, VR> leftJoin(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      Named named);

  /**
   * Like {@link #leftJoin(KTable, Function, ValueJoiner)}, with the result kept in a store with
   * these options.
   *
   * @param other the other table, from the same builder
   * @param foreignKeyExtractor takes the other table's key from this table's value
   * @param joiner combines this table's value, never null, with the other's, or null
   * @param materialized the result store's options
   * @param <VR> result value type
   * @param <KO> the other table's key type
   * @param <VO> the other table's value type
   * @return the joined table
   */
  <VR, KO, VO> KTable<K, VR> leftJoin(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      Materialized<K, VR> materialized);

  /**
   * Like {@link #leftJoin(KTable, Function, ValueJoiner)}, as a named step with the result kept in
   * a store with these options.
   *
   * @param other the other table, from the same builder
   * @param foreignKeyExtractor takes the other table's key from this table's value
   * @param joiner combines this table's value, never null, with the other's, or null
   * @param named the step name
   * @param materialized the result store's options
   * @param <VR> result value type
   * @param <KO> the other table's key type
   * @param <VO> the other table's value type
   * @return the joined table
   */
  <VR, KO, VO> KTable<K, VR> leftJoin(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      Named named,
      Materialized<K, VR> materialized);
}

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
}

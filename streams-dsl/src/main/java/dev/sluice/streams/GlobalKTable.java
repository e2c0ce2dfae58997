package dev.sluice.streams;

/**
 * A table of a topic that every task sees in full, whatever partitions it processes: the latest
 * value per key of <em>all</em> the topic's partitions, where a null value (a tombstone) deletes
 * the key. Obtained from {@link StreamsBuilder#globalTable}; used by {@link
 * KStream#join(GlobalKTable, KeyValueMapper, ValueJoiner)} and {@link
 * KStream#leftJoin(GlobalKTable, KeyValueMapper, ValueJoiner)}, which look rows up by a key
 * computed from each stream record, so the stream and the topic need not be co-partitioned.
 *
 * <p>Each application instance keeps one copy of the table in a store fed directly from the topic
 * (the topic is the store's changelog: no changelog topic of its own). The instance loads it from
 * every partition up to their end offsets before it reports {@code RUNNING}, then keeps it up to
 * date from a thread of its own while the stream tasks run; its position is checkpointed in the
 * state directory so a clean restart reads only what is new. Tasks read the store and never write
 * it. As in Kafka Streams, updates reach the store as they are read, not in event-time order with
 * the stream, so a join sees the table as of whenever the record is processed.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface GlobalKTable<K, V> {

  /**
   * The name of the table's store: the {@link Materialized#as(String) Materialized} name, or one
   * derived from the source step ({@code <source>.globalTable-store}). The test driver reads it
   * with {@code keyValueStore(name)}.
   *
   * @return the store name
   */
  String queryableStoreName();
}

package dev.sluice.streams;

import dev.sluice.streams.processor.ProcessorSupplier;

/**
 * An unbounded stream of key-value records, as built by {@link StreamsBuilder}. Each method appends
 * a step and returns a new stream for the step's output; nothing runs until the built {@link
 * Topology} is started by the runtime or the test driver.
 *
 * <p>Every method that takes a function or option fails with a {@link NullPointerException} naming
 * the parameter when given null. Steps are named after their parent and their verb unless a {@link
 * Named} is passed. The windowed joins with another stream are declared in {@link
 * StreamStreamJoins}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KStream<K, V> extends StreamStreamJoins<K, V> {

  /**
   * Keeps the records that match.
   *
   * @param predicate the test
   * @return the filtered stream
   */
  KStream<K, V> filter(Predicate<? super K, ? super V> predicate);

  /**
   * Keeps the records that match, as a named step.
   *
   * @param predicate the test
   * @param named the step name
   * @return the filtered stream
   */
  KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

  /**
   * Drops the records that match.
   *
   * @param predicate the test
   * @return the filtered stream
   */
  KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate);

  /**
   * Drops the records that match, as a named step.
   *
   * @param predicate the test
   * @param named the step name
   * @return the filtered stream
   */
  KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

  /**
   * Replaces key and value. A key change makes a later stateful step repartition.
   *
   * @param mapper returns the new pair, never null
   * @param <KR> new key type
   * @param <VR> new value type
   * @return the mapped stream
   */
  <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> mapper);

  /**
   * Replaces key and value, as a named step.
   *
   * @param mapper returns the new pair, never null
   * @param named the step name
   * @param <KR> new key type
   * @param <VR> new value type
   * @return the mapped stream
   */
  <KR, VR> KStream<KR, VR> map(
      KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> mapper, Named named);

  /**
   * Replaces the value.
   *
   * @param mapper maps the value
   * @param <VR> new value type
   * @return the mapped stream
   */
  <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

  /**
   * Replaces the value, as a named step.
   *
   * @param mapper maps the value
   * @param named the step name
   * @param <VR> new value type
   * @return the mapped stream
   */
  <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

  /**
   * Replaces the value, seeing the key.
   *
   * @param mapper maps key and value to the new value
   * @param <VR> new value type
   * @return the mapped stream
   */
  <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

  /**
   * Replaces the value, seeing the key, as a named step.
   *
   * @param mapper maps key and value to the new value
   * @param named the step name
   * @param <VR> new value type
   * @return the mapped stream
   */
  <VR> KStream<K, VR> mapValues(
      ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

  /**
   * Replaces each record by zero or more records.
   *
   * @param mapper returns the new records; null means none
   * @param <KR> new key type
   * @param <VR> new value type
   * @return the mapped stream
   */
  <KR, VR> KStream<KR, VR> flatMap(
      KeyValueMapper<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper);

  /**
   * Replaces each record by zero or more records, as a named step.
   *
   * @param mapper returns the new records; null means none
   * @param named the step name
   * @param <KR> new key type
   * @param <VR> new value type
   * @return the mapped stream
   */
  <KR, VR> KStream<KR, VR> flatMap(
      KeyValueMapper<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper,
      Named named);

  /**
   * Replaces each value by zero or more values under the same key.
   *
   * @param mapper returns the new values; null means none
   * @param <VR> new value type
   * @return the mapped stream
   */
  <VR> KStream<K, VR> flatMapValues(
      ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper);

  /**
   * Replaces each value by zero or more values under the same key, as a named step.
   *
   * @param mapper returns the new values; null means none
   * @param named the step name
   * @param <VR> new value type
   * @return the mapped stream
   */
  <VR> KStream<K, VR> flatMapValues(
      ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper, Named named);

  /**
   * Replaces each value by zero or more values under the same key, seeing the key.
   *
   * @param mapper returns the new values; null means none
   * @param <VR> new value type
   * @return the mapped stream
   */
  <VR> KStream<K, VR> flatMapValues(
      ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper);

  /**
   * Replaces each value by zero or more values under the same key, seeing the key, as a named step.
   *
   * @param mapper returns the new values; null means none
   * @param named the step name
   * @param <VR> new value type
   * @return the mapped stream
   */
  <VR> KStream<K, VR> flatMapValues(
      ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper,
      Named named);

  /**
   * Replaces the key. A later stateful step will repartition.
   *
   * @param mapper returns the new key
   * @param <KR> new key type
   * @return the re-keyed stream
   */
  <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

  /**
   * Replaces the key, as a named step.
   *
   * @param mapper returns the new key
   * @param named the step name
   * @param <KR> new key type
   * @return the re-keyed stream
   */
  <KR> KStream<KR, V> selectKey(
      KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

  /**
   * Runs a side effect for each record and passes it on unchanged.
   *
   * @param action the side effect
   * @return the same records
   */
  KStream<K, V> peek(ForeachAction<? super K, ? super V> action);

  /**
   * Runs a side effect for each record and passes it on unchanged, as a named step.
   *
   * @param action the side effect
   * @param named the step name
   * @return the same records
   */
  KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named);

  /**
   * Runs a side effect for each record; ends the chain.
   *
   * @param action the side effect
   */
  void foreach(ForeachAction<? super K, ? super V> action);

  /**
   * Runs a side effect for each record as a named step; ends the chain.
   *
   * @param action the side effect
   * @param named the step name
   */
  void foreach(ForeachAction<? super K, ? super V> action, Named named);

  /**
   * Starts routing records into branches by predicate.
   *
   * @return the split, to add branches to
   */
  SplitStream<K, V> split();

  /**
   * Starts routing records into branches by predicate; the name prefixes the branch names.
   *
   * @param named the split step name and branch-name prefix
   * @return the split, to add branches to
   */
  SplitStream<K, V> split(Named named);

  /**
   * Interleaves this stream with another.
   *
   * @param other the other stream, from the same builder
   * @return the merged stream
   */
  KStream<K, V> merge(KStream<K, V> other);

  /**
   * Interleaves this stream with another, as a named step.
   *
   * @param other the other stream, from the same builder
   * @param named the step name
   * @return the merged stream
   */
  KStream<K, V> merge(KStream<K, V> other, Named named);

  /**
   * Writes the records to a topic with the upstream serdes (or the builder defaults).
   *
   * @param topic the topic
   */
  void to(String topic);

  /**
   * Writes the records to a topic.
   *
   * @param topic the topic
   * @param produced serdes, partitioner and name
   */
  void to(String topic, Produced<K, V> produced);

  /**
   * Writes each record to the topic the extractor names.
   *
   * @param extractor chooses the topic per record
   */
  void to(TopicNameExtractor<? super K, ? super V> extractor);

  /**
   * Writes each record to the topic the extractor names.
   *
   * @param extractor chooses the topic per record
   * @param produced serdes, partitioner and name
   */
  void to(TopicNameExtractor<? super K, ? super V> extractor, Produced<K, V> produced);

  /**
   * Runs a {@link dev.sluice.streams.processor.Processor} that may change keys and values.
   *
   * @param supplier creates one processor per task
   * @param stateStoreNames stores the processor may use through {@code
   *     context.getStateStore(name)}, declared with {@link StreamsBuilder#addStateStore}
   * @param <KR> output key type
   * @param <VR> output value type
   * @return the processor's output
   */
  <KR, VR> KStream<KR, VR> process(
      ProcessorSupplier<? super K, ? super V, KR, VR> supplier, String... stateStoreNames);

  /**
   * Runs a {@link dev.sluice.streams.processor.Processor} that may change keys and values, as a
   * named step.
   *
   * @param supplier creates one processor per task
   * @param named the step name
   * @param stateStoreNames stores the processor may use, declared with {@link
   *     StreamsBuilder#addStateStore}
   * @param <KR> output key type
   * @param <VR> output value type
   * @return the processor's output
   */
  <KR, VR> KStream<KR, VR> process(
      ProcessorSupplier<? super K, ? super V, KR, VR> supplier,
      Named named,
      String... stateStoreNames);

  /**
   * Runs a {@link dev.sluice.streams.processor.Processor} that keeps every key: forwarding a record
   * with another key than the input's fails the task.
   *
   * @param supplier creates one processor per task
   * @param stateStoreNames stores the processor may use, declared with {@link
   *     StreamsBuilder#addStateStore}
   * @param <VR> output value type
   * @return the processor's output
   */
  <VR> KStream<K, VR> processValues(
      ProcessorSupplier<K, V, K, VR> supplier, String... stateStoreNames);

  /**
   * Runs a key-keeping {@link dev.sluice.streams.processor.Processor}, as a named step.
   *
   * @param supplier creates one processor per task
   * @param named the step name
   * @param stateStoreNames stores the processor may use, declared with {@link
   *     StreamsBuilder#addStateStore}
   * @param <VR> output value type
   * @return the processor's output
   */
  <VR> KStream<K, VR> processValues(
      ProcessorSupplier<K, V, K, VR> supplier, Named named, String... stateStoreNames);

  /**
   * Groups the records by their current key for an aggregation. If keys may have changed since the
   * source, the aggregation first repartitions through {@code <application.id>-<step>-repartition}.
   *
   * @return the grouped stream
   */
  KGroupedStream<K, V> groupByKey();

  /**
   * Groups the records by their current key, with these serdes and repartition name.
   *
   * @param grouped serdes and name
   * @return the grouped stream
   */
  KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped);

  /**
   * Groups the records by a new key; the aggregation repartitions through {@code
   * <application.id>-<step>-repartition}.
   *
   * @param keySelector computes the new key
   * @param <KR> new key type
   * @return the grouped stream
   */
  <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector);

  /**
   * Groups the records by a new key, with these serdes and repartition name.
   *
   * @param keySelector computes the new key
   * @param grouped serdes of the new key and the values, and the repartition name
   * @param <KR> new key type
   * @return the grouped stream
   */
  <KR> KGroupedStream<KR, V> groupBy(
      KeyValueMapper<? super K, ? super V, KR> keySelector, Grouped<KR, V> grouped);

  /**
   * Sends the stream through an internal topic {@code <application.id>-<this
   * step>.repartition-repartition}, partitioned by the current key, whether or not keys changed:
   * later stateful steps read it and need no repartition of their own. The runtime creates the
   * topic with the partition count of what it must be co-partitioned with (the other side of a join
   * it feeds), else with that of the upstream topics.
   *
   * @return the repartitioned stream, reading the topic
   */
  default KStream<K, V> repartition() {
    return repartition(Repartitioned.defaults());
  }

  /**
   * Sends the stream through an internal topic {@code <application.id>-<name>-repartition},
   * partitioned by the current key, with the given name, serdes and partition count. A partition
   * count is the fix for a join whose inputs' topics have different partition counts: repartition
   * the side with fewer partitions to the other side's count.
   *
   * @param repartitioned the name, serdes and partition count
   * @return the repartitioned stream, reading the topic
   */
  KStream<K, V> repartition(Repartitioned<K, V> repartitioned);

  /**
   * Reads the stream as a changelog: the latest value per key, a null value deleting the key.
   * Records with a null key are dropped and counted.
   *
   * @return the table
   */
  KTable<K, V> toTable();

  /**
   * Reads the stream as a changelog, as a named step.
   *
   * @param named the step name
   * @return the table
   */
  KTable<K, V> toTable(Named named);

  /**
   * Reads the stream as a changelog into a configured store.
   *
   * @param materialized the store options
   * @return the table
   */
  KTable<K, V> toTable(Materialized<K, V> materialized);

  /**
   * Reads the stream as a changelog, as a named step, into a configured store.
   *
   * @param named the step name
   * @param materialized the store options
   * @return the table
   */
  KTable<K, V> toTable(Named named, Materialized<K, V> materialized);

  /**
   * Joins each record with the table's current row for its key (an inner join): records without a
   * row are dropped; table updates emit nothing. Records with a null key or value are dropped and
   * counted. If keys may have changed upstream, the stream is first repartitioned by key (topic
   * {@code <application.id>-<this step>-repartition}); the stream's and the table's topics must
   * have the same number of partitions. A table without a store of its own ({@code filter}, {@code
   * mapValues}) is materialized for the lookup in {@code <table step>.materialize-store}.
   *
   * @param table the table, from the same builder
   * @param joiner combines the record's value and the row, never with a null
   * @param <VT> the table's value type
   * @param <VR> result value type
   * @return the joined stream, named {@code <this step>.join}
   */
  default <VT, VR> KStream<K, VR> join(
      KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
    return join(table, joiner, Joined.defaults());
  }

  /**
   * Joins each record with the table's current row for its key, with a step name and serdes.
   *
   * @param table the table, from the same builder
   * @param joiner combines the record's value and the row, never with a null
   * @param joined the step name (also the repartition name) and the input serdes
   * @param <VT> the table's value type
   * @param <VR> result value type
   * @return the joined stream
   */
  <VT, VR> KStream<K, VR> join(
      KTable<K, VT> table,
      ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
      Joined<K, V, VT> joined);

  /**
   * Like {@link #join(KTable, ValueJoiner)}, but every record is emitted: the joiner gets null when
   * the table has no row for the key.
   *
   * @param table the table, from the same builder
   * @param joiner combines the record's value and the row, or null
   * @param <VT> the table's value type
   * @param <VR> result value type
   * @return the joined stream, named {@code <this step>.leftJoin}
   */
  default <VT, VR> KStream<K, VR> leftJoin(
      KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
    return leftJoin(table, joiner, Joined.defaults());
  }

  /**
   * Like {@link #join(KTable, ValueJoiner, Joined)}, but every record is emitted: the joiner gets
   * null when the table has no row for the key.
   *
   * @param table the table, from the same builder
   * @param joiner combines the record's value and the row, or null
   * @param joined the step name (also the repartition name) and the input serdes
   * @param <VT> the table's value type
   * @param <VR> result value type
   * @return the joined stream
   */
  <VT, VR> KStream<K, VR> leftJoin(
      KTable<K, VT> table,
      ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
      Joined<K, V, VT> joined);

  /**
   * Joins each record with the global table's current row for the key the selector computes from
   * the record (an inner join): records without a row, or whose selector returns null, are dropped;
   * table updates emit nothing. The result keeps this stream's key. No repartitioning and no
   * co-partitioning are needed, because every task sees the whole table. Records with a null value
   * are dropped and counted.
   *
   * @param table the global table, from the same builder
   * @param keySelector maps a record's key and value to the table key to look up
   * @param joiner combines the record's value and the row, never with a null
   * @param <GK> the table's key type
   * @param <GV> the table's value type
   * @param <VR> result value type
   * @return the joined stream, named {@code <this step>.join}
   */
  <GK, GV, VR> KStream<K, VR> join(
      GlobalKTable<GK, GV> table,
      KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends VR> joiner);

  /**
   * Like {@link #join(GlobalKTable, KeyValueMapper, ValueJoiner)}, as a named step.
   *
   * @param table the global table, from the same builder
   * @param keySelector maps a record's key and value to the table key to look up
   * @param joiner combines the record's value and the row, never with a null
   * @param named the step name
   * @param <GK> the table's key type
   * @param <GV> the table's value type
   * @param <VR> result value type
   * @return the joined stream
   */
  <GK, GV, VR> KStream<K, VR> join(
      GlobalKTable<GK, GV> table,
      KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends VR> joiner,
      Named named);

  /**
   * Like {@link #join(GlobalKTable, KeyValueMapper, ValueJoiner)}, but every record with a value is
   * emitted: the joiner gets null when the table has no row for the selected key, or when the
   * selector returns null.
   *
   * @param table the global table, from the same builder
   * @param keySelector maps a record's key and value to the table key to look up
   * @param joiner combines the record's value and the row, or null
   * @param <GK> the table's key type
   * @param <GV> the table's value type
   * @param <VR> result value type
   * @return the joined stream, named {@code <this step>.leftJoin}
   */
  <GK, GV, VR> KStream<K, VR> leftJoin(
      GlobalKTable<GK, GV> table,
      KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends VR> joiner);

  /**
   * Like {@link #leftJoin(GlobalKTable, KeyValueMapper, ValueJoiner)}, as a named step.
   *
   * @param table the global table, from the same builder
   * @param keySelector maps a record's key and value to the table key to look up
   * @param joiner combines the record's value and the row, or null
   * @param named the step name
   * @param <GK> the table's key type
   * @param <GV> the table's value type
   * @param <VR> result value type
   * @return the joined stream
   */
  <GK, GV, VR> KStream<K, VR> leftJoin(
      GlobalKTable<GK, GV> table,
      KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends VR> joiner,
      Named named);
}

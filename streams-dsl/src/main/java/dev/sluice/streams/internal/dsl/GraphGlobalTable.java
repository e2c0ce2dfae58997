package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.GlobalKTable;
import dev.sluice.streams.KStream;
import dev.sluice.streams.KeyValueMapper;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Named;
import dev.sluice.streams.TimestampExtractor;
import dev.sluice.streams.ValueJoiner;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.GlobalStore;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.SourceNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.internal.ops.JoinKind;
import dev.sluice.streams.internal.ops.StreamTableJoinProcessor;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * The {@link GlobalKTable} a builder hands out, and the DSL side of global tables: declaring one (a
 * {@link GlobalStore}: its source and its store, outside every sub-topology) and joining a stream
 * with one (a step that names the global store, so that its task reads it).
 *
 * <p>A stream-global-table join needs no repartition even after a key change: the lookup key comes
 * from the key selector, and every task sees the whole table.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class GraphGlobalTable<K, V> implements GlobalKTable<K, V> {
  private final GraphBuilder graph;
  private final String storeName;

  private GraphGlobalTable(GraphBuilder graph, String storeName) {
    this.graph = graph;
    this.storeName = storeName;
  }

  /**
   * Declares a global table of a topic.
   *
   * @param graph the builder's graph
   * @param topic the topic
   * @param consumed the source serdes, timestamp extractor and name
   * @param materialized the store options; logging and caching do not apply
   * @param <K> key type
   * @param <V> value type
   * @return the table
   */
  public static <K, V> GlobalKTable<K, V> add(
      GraphBuilder graph, String topic, Consumed<K, V> consumed, Materialized<K, V> materialized) {
    Checks.validName(topic, "topic");
    Checks.notNull(consumed, "consumed");
    Checks.notNull(materialized, "materialized");
    String source = consumed.name() != null ? consumed.name() : graph.derive("from-" + topic);
    String store =
        materialized.storeName() != null ? materialized.storeName() : source + ".globalTable-store";
    TimestampExtractor extractor =
        consumed.timestampExtractor() != null
            ? consumed.timestampExtractor()
            : TimestampExtractor.recordTimestamp();
    graph.addGlobalStore(
        new GlobalStore(
            new SourceNode(
                source,
                List.of(topic),
                null,
                either(consumed.keySerde(), materialized.keySerde()),
                either(consumed.valueSerde(), materialized.valueSerde()),
                extractor),
            new StoreSpec(
                store,
                StoreSpec.Kind.KEY_VALUE,
                either(materialized.keySerde(), consumed.keySerde()),
                either(materialized.valueSerde(), consumed.valueSerde()),
                materialized.persistent(),
                false,
                false,
                topic,
                source + ".globalTable")));
    return new GraphGlobalTable<>(graph, store);
  }

  private static Serde<?> either(Serde<?> first, Serde<?> second) {
    return first != null ? first : second;
  }

  /**
   * Joins each record of a stream with the global table's row for the key a selector computes.
   *
   * @param stream the stream
   * @param other the global table, from the same builder
   * @param keySelector maps a record to the table key
   * @param joiner combines the stream value with the row (null for no row in a left join)
   * @param named the step name, or null to derive it
   * @param kind inner or left
   * @param <K> stream key type
   * @param <V> stream value type
   * @param <GK> table key type
   * @param <GV> table value type
   * @param <O> result value type
   * @return the joined stream, keyed like the input
   */
  static <K, V, GK, GV, O> KStream<K, O> join(
      GraphStream<K, V> stream,
      GlobalKTable<GK, GV> other,
      KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends O> joiner,
      Named named,
      JoinKind kind) {
    Checks.notNull(other, "table");
    Checks.notNull(keySelector, "keySelector");
    Checks.notNull(joiner, "joiner");
    GraphBuilder graph = stream.graph();
    Checks.argument(
        other instanceof GraphGlobalTable<?, ?> table && table.graph == graph,
        "%s: the global table must come from the same StreamsBuilder",
        kind.verb());
    String store = other.queryableStoreName();
    String name = graph.name(named == null ? null : named.name(), stream.nodeName(), kind.verb());
    graph.add(
        new ProcessorNode(
            name,
            List.of(stream.nodeName()),
            kind.verb(),
            StreamTableJoinProcessor.global(name, store, kind, keySelector, joiner),
            stream.keySerde(),
            null,
            List.of(store)));
    return new GraphStream<>(graph, name, stream.keySerde(), null, stream.keyChanged());
  }

  @Override
  public String queryableStoreName() {
    return storeName;
  }
}

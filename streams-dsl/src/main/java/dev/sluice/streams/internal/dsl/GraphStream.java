package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.ForeachAction;
import dev.sluice.streams.Grouped;
import dev.sluice.streams.KGroupedStream;
import dev.sluice.streams.KStream;
import dev.sluice.streams.KTable;
import dev.sluice.streams.KeyValue;
import dev.sluice.streams.KeyValueMapper;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Named;
import dev.sluice.streams.Predicate;
import dev.sluice.streams.Produced;
import dev.sluice.streams.Repartitioned;
import dev.sluice.streams.SplitStream;
import dev.sluice.streams.TopicNameExtractor;
import dev.sluice.streams.ValueMapper;
import dev.sluice.streams.ValueMapperWithKey;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.SinkNode;
import dev.sluice.streams.internal.ops.FlatMapProcessor;
import dev.sluice.streams.internal.ops.KeyPreservingProcessor;
import dev.sluice.streams.internal.ops.RecordFunctionProcessor;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;

/**
 * The {@link KStream} a builder hands out: a handle on one step of the logical graph, with the
 * serdes known for that step's output. Each DSL call validates its arguments and appends one {@link
 * ProcessorNode} or {@link SinkNode}. The join verbs are in {@link StreamJoins}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class GraphStream<K, V> extends StreamJoins<K, V> {
  // toTable() after a key change repartitions with the stream's own serdes.
  private static final String TO_TABLE_SERDE_FIX =
      "repartition(Repartitioned.with(keySerde, valueSerde)) before toTable()";

  private final GraphBuilder graph;
  private final String nodeName;
  private final Serde<?> keySerde;
  private final Serde<?> valueSerde;
  private final boolean keyChanged;

  /**
   * A handle on a step whose keys are those of its source topics.
   *
   * @param graph the builder's graph
   * @param nodeName the step this stream is the output of
   * @param keySerde the serde of its keys, or null if unknown
   * @param valueSerde the serde of its values, or null if unknown
   */
  public GraphStream(GraphBuilder graph, String nodeName, Serde<?> keySerde, Serde<?> valueSerde) {
    this(graph, nodeName, keySerde, valueSerde, false);
  }

  /**
   * A handle on a step.
   *
   * @param graph the builder's graph
   * @param nodeName the step this stream is the output of
   * @param keySerde the serde of its keys, or null if unknown
   * @param valueSerde the serde of its values, or null if unknown
   * @param keyChanged whether a step since the source may have changed keys, so that a stateful
   *     step must first repartition by the new key
   */
  public GraphStream(
      GraphBuilder graph,
      String nodeName,
      Serde<?> keySerde,
      Serde<?> valueSerde,
      boolean keyChanged) {
    this.graph = graph;
    this.nodeName = nodeName;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.keyChanged = keyChanged;
  }

  @Override
  public KStream<K, V> filter(Predicate<? super K, ? super V> predicate) {
    return filter(predicate, null, "filter", false);
  }

  @Override
  public KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
    return filter(predicate, Checks.notNull(named, "named"), "filter", false);
  }

  @Override
  public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
    return filter(predicate, null, "filterNot", true);
  }

  @Override
  public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
    return filter(predicate, Checks.notNull(named, "named"), "filterNot", true);
  }

  private KStream<K, V> filter(
      Predicate<? super K, ? super V> predicate, Named named, String verb, boolean negate) {
    Checks.notNull(predicate, "predicate");
    return then(
        named,
        verb,
        RecordFunctionProcessor.<K, V, K, V>of(
            r -> predicate.test(r.key(), r.value()) != negate ? r : null),
        keySerde,
        valueSerde);
  }

  @Override
  public <KR, VR> KStream<KR, VR> map(
      KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> mapper) {
    return mapStep(mapper, null);
  }

  @Override
  public <KR, VR> KStream<KR, VR> map(
      KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> mapper, Named named) {
    return mapStep(mapper, Checks.notNull(named, "named"));
  }

  private <KR, VR> KStream<KR, VR> mapStep(
      KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> mapper, Named named) {
    Checks.notNull(mapper, "mapper");
    String name = stepName(named, "map");
    Function<Record<K, V>, Record<KR, VR>> function =
        r -> {
          KeyValue<KR, VR> pair = mapper.apply(r.key(), r.value());
          Checks.argument(pair != null, "map step '%s' returned null: return a KeyValue", name);
          return new Record<>(pair.key(), pair.value(), r.timestamp(), r.headers());
        };
    return append(name, "map", RecordFunctionProcessor.of(function), null, null);
  }

  @Override
  public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
    return mapValuesStep(mapper, null);
  }

  @Override
  public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
    return mapValuesStep(mapper, Checks.notNull(named, "named"));
  }

  private <VR> KStream<K, VR> mapValuesStep(
      ValueMapper<? super V, ? extends VR> mapper, Named named) {
    Checks.notNull(mapper, "mapper");
    return mapValuesStep((ValueMapperWithKey<K, V, VR>) (key, value) -> mapper.apply(value), named);
  }

  @Override
  public <VR> KStream<K, VR> mapValues(
      ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
    return mapValuesStep(mapper, null);
  }

  @Override
  public <VR> KStream<K, VR> mapValues(
      ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named) {
    return mapValuesStep(mapper, Checks.notNull(named, "named"));
  }

  private <VR> KStream<K, VR> mapValuesStep(
      ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named) {
    Checks.notNull(mapper, "mapper");
    Function<Record<K, V>, Record<K, VR>> function =
        r -> r.<VR>withValue(mapper.apply(r.key(), r.value()));
    return then(named, "mapValues", RecordFunctionProcessor.of(function), keySerde, null);
  }

  @Override
  public <KR, VR> KStream<KR, VR> flatMap(
      KeyValueMapper<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper) {
    return flatMapStep(mapper, null);
  }

  @Override
  public <KR, VR> KStream<KR, VR> flatMap(
      KeyValueMapper<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper,
      Named named) {
    return flatMapStep(mapper, Checks.notNull(named, "named"));
  }

  private <KR, VR> KStream<KR, VR> flatMapStep(
      KeyValueMapper<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper,
      Named named) {
    Checks.notNull(mapper, "mapper");
    Function<Record<K, V>, Iterable<Record<KR, VR>>> function =
        r -> {
          Iterable<KeyValue<KR, VR>> pairs = mapper.apply(r.key(), r.value());
          if (pairs == null) {
            return null;
          }
          List<Record<KR, VR>> out = new ArrayList<>();
          for (KeyValue<KR, VR> pair : pairs) {
            out.add(new Record<>(pair.key(), pair.value(), r.timestamp(), r.headers()));
          }
          return out;
        };
    return then(named, "flatMap", FlatMapProcessor.of(function), null, null);
  }

  @Override
  public <VR> KStream<K, VR> flatMapValues(
      ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper) {
    return flatMapValuesStep(mapper, null);
  }

  @Override
  public <VR> KStream<K, VR> flatMapValues(
      ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper, Named named) {
    return flatMapValuesStep(mapper, Checks.notNull(named, "named"));
  }

  private <VR> KStream<K, VR> flatMapValuesStep(
      ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper, Named named) {
    Checks.notNull(mapper, "mapper");
    return flatMapValuesStep(
        (ValueMapperWithKey<K, V, Iterable<? extends VR>>) (key, value) -> mapper.apply(value),
        named);
  }

  @Override
  public <VR> KStream<K, VR> flatMapValues(
      ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper) {
    return flatMapValuesStep(mapper, null);
  }

  @Override
  public <VR> KStream<K, VR> flatMapValues(
      ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper,
      Named named) {
    return flatMapValuesStep(mapper, Checks.notNull(named, "named"));
  }

  private <VR> KStream<K, VR> flatMapValuesStep(
      ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper,
      Named named) {
    Checks.notNull(mapper, "mapper");
    Function<Record<K, V>, Iterable<Record<K, VR>>> function =
        r -> {
          Iterable<? extends VR> values = mapper.apply(r.key(), r.value());
          if (values == null) {
            return null;
          }
          List<Record<K, VR>> out = new ArrayList<>();
          for (VR value : values) {
            out.add(r.withValue(value));
          }
          return out;
        };
    return then(named, "flatMapValues", FlatMapProcessor.of(function), keySerde, null);
  }

  @Override
  public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
    return selectKeyStep(mapper, null);
  }

  @Override
  public <KR> KStream<KR, V> selectKey(
      KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
    return selectKeyStep(mapper, Checks.notNull(named, "named"));
  }

  private <KR> KStream<KR, V> selectKeyStep(
      KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
    Checks.notNull(mapper, "mapper");
    Function<Record<K, V>, Record<KR, V>> function =
        r -> r.<KR>withKey(mapper.apply(r.key(), r.value()));
    return then(named, "selectKey", RecordFunctionProcessor.of(function), null, valueSerde);
  }

  @Override
  public KStream<K, V> peek(ForeachAction<? super K, ? super V> action) {
    return peekStep(action, null);
  }

  @Override
  public KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named) {
    return peekStep(action, Checks.notNull(named, "named"));
  }

  private KStream<K, V> peekStep(ForeachAction<? super K, ? super V> action, Named named) {
    Checks.notNull(action, "action");
    Function<Record<K, V>, Record<K, V>> function =
        r -> {
          action.apply(r.key(), r.value());
          return r;
        };
    return then(named, "peek", RecordFunctionProcessor.of(function), keySerde, valueSerde);
  }

  @Override
  public void foreach(ForeachAction<? super K, ? super V> action) {
    foreachStep(action, null);
  }

  @Override
  public void foreach(ForeachAction<? super K, ? super V> action, Named named) {
    foreachStep(action, Checks.notNull(named, "named"));
  }

  private void foreachStep(ForeachAction<? super K, ? super V> action, Named named) {
    Checks.notNull(action, "action");
    Function<Record<K, V>, Record<Void, Void>> function =
        r -> {
          action.apply(r.key(), r.value());
          return null;
        };
    then(named, "foreach", RecordFunctionProcessor.of(function), null, null);
  }

  @Override
  public SplitStream<K, V> split() {
    return new GraphSplitStream<>(graph, this, stepName(null, "split"), "");
  }

  @Override
  public SplitStream<K, V> split(Named named) {
    Checks.notNull(named, "named");
    return new GraphSplitStream<>(graph, this, named.name(), named.name());
  }

  @Override
  public KStream<K, V> merge(KStream<K, V> other) {
    return mergeStep(other, null);
  }

  @Override
  public KStream<K, V> merge(KStream<K, V> other, Named named) {
    return mergeStep(other, Checks.notNull(named, "named"));
  }

  private KStream<K, V> mergeStep(KStream<K, V> other, Named named) {
    Checks.notNull(other, "other");
    Checks.argument(
        other instanceof GraphStream<?, ?> g && g.graph == graph,
        "merge: the other stream must come from the same StreamsBuilder");
    GraphStream<K, V> that = (GraphStream<K, V>) other;
    String name = stepName(named, "merge");
    // A serde is known after the merge only if both inputs agree on it.
    Serde<?> mergedKeySerde = Objects.equals(keySerde, that.keySerde) ? keySerde : null;
    Serde<?> mergedValueSerde = Objects.equals(valueSerde, that.valueSerde) ? valueSerde : null;
    graph.add(
        new ProcessorNode(
            name,
            List.of(nodeName, that.nodeName),
            "merge",
            RecordFunctionProcessor.<K, V, K, V>of(r -> r),
            mergedKeySerde,
            mergedValueSerde));
    return new GraphStream<>(
        graph, name, mergedKeySerde, mergedValueSerde, keyChanged || that.keyChanged);
  }

  @Override
  public void to(String topic) {
    to(topic, new Produced<>(null, null, null, null));
  }

  @Override
  public void to(String topic, Produced<K, V> produced) {
    Checks.validName(topic, "topic");
    Checks.notNull(produced, "produced");
    sink(produced, topic, null, "to-" + topic);
  }

  @Override
  public void to(TopicNameExtractor<? super K, ? super V> extractor) {
    to(extractor, new Produced<>(null, null, null, null));
  }

  @Override
  public void to(TopicNameExtractor<? super K, ? super V> extractor, Produced<K, V> produced) {
    Checks.notNull(extractor, "extractor");
    Checks.notNull(produced, "produced");
    sink(produced, null, extractor, "to-extracted-topic");
  }

  private void sink(
      Produced<K, V> produced, String topic, TopicNameExtractor<?, ?> extractor, String verb) {
    String name = graph.name(produced.name(), nodeName, verb);
    graph.add(
        new SinkNode(
            name,
            List.of(nodeName),
            topic,
            extractor,
            produced.keySerde() != null ? produced.keySerde() : keySerde,
            produced.valueSerde() != null ? produced.valueSerde() : valueSerde,
            produced.partitioner(),
            SinkNode.PRODUCED));
  }

  @Override
  public <KR, VR> KStream<KR, VR> process(
      ProcessorSupplier<? super K, ? super V, KR, VR> supplier, String... stateStoreNames) {
    return processStep(supplier, null, stateStoreNames);
  }

  @Override
  public <KR, VR> KStream<KR, VR> process(
      ProcessorSupplier<? super K, ? super V, KR, VR> supplier,
      Named named,
      String... stateStoreNames) {
    return processStep(supplier, Checks.notNull(named, "named"), stateStoreNames);
  }

  private <KR, VR> KStream<KR, VR> processStep(
      ProcessorSupplier<? super K, ? super V, KR, VR> supplier,
      Named named,
      String... stateStoreNames) {
    Checks.notNull(supplier, "supplier");
    String name = stepName(named, "process");
    graph.add(
        new ProcessorNode(
            name, List.of(nodeName), "process", supplier, null, null, storeList(stateStoreNames)));
    return new GraphStream<>(graph, name, null, null, true);
  }

  @Override
  public <VR> KStream<K, VR> processValues(
      ProcessorSupplier<K, V, K, VR> supplier, String... stateStoreNames) {
    return processValuesStep(supplier, null, stateStoreNames);
  }

  @Override
  public <VR> KStream<K, VR> processValues(
      ProcessorSupplier<K, V, K, VR> supplier, Named named, String... stateStoreNames) {
    return processValuesStep(supplier, Checks.notNull(named, "named"), stateStoreNames);
  }

  private <VR> KStream<K, VR> processValuesStep(
      ProcessorSupplier<K, V, K, VR> supplier, Named named, String... stateStoreNames) {
    Checks.notNull(supplier, "supplier");
    String name = stepName(named, "processValues");
    graph.add(
        new ProcessorNode(
            name,
            List.of(nodeName),
            "processValues",
            KeyPreservingProcessor.of(supplier, name),
            keySerde,
            null,
            storeList(stateStoreNames)));
    return new GraphStream<>(graph, name, keySerde, null, keyChanged);
  }

  private static List<String> storeList(String... stateStoreNames) {
    Checks.notNull(stateStoreNames, "stateStoreNames");
    for (String store : stateStoreNames) {
      Checks.validName(store, "state store");
    }
    return List.of(stateStoreNames);
  }

  @Override
  public KGroupedStream<K, V> groupByKey() {
    return new GraphGroupedStream<>(this, Grouped.defaults());
  }

  @Override
  public KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped) {
    return new GraphGroupedStream<>(this, Checks.notNull(grouped, "grouped"));
  }

  @Override
  public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector) {
    return groupBy(keySelector, Grouped.defaults());
  }

  @Override
  public <KR> KGroupedStream<KR, V> groupBy(
      KeyValueMapper<? super K, ? super V, KR> keySelector, Grouped<KR, V> grouped) {
    Checks.notNull(keySelector, "keySelector");
    Checks.notNull(grouped, "grouped");
    Function<Record<K, V>, Record<KR, V>> function =
        r -> r.<KR>withKey(keySelector.apply(r.key(), r.value()));
    String name = stepName(null, "groupBy");
    graph.add(
        new ProcessorNode(
            name,
            List.of(nodeName),
            "groupBy",
            RecordFunctionProcessor.of(function),
            null,
            valueSerde));
    return new GraphGroupedStream<>(
        new GraphStream<>(graph, name, null, valueSerde, true), grouped);
  }

  @Override
  public KStream<K, V> repartition(Repartitioned<K, V> repartitioned) {
    Checks.notNull(repartitioned, "repartitioned");
    Serde<?> keys = repartitioned.keySerde() != null ? repartitioned.keySerde() : keySerde;
    Serde<?> values = repartitioned.valueSerde() != null ? repartitioned.valueSerde() : valueSerde;
    Integer partitions = repartitioned.numberOfPartitions();
    return Repartitioner.repartition(
        this,
        graph.name(repartitioned.name(), nodeName, "repartition"),
        keys,
        values,
        partitions == null ? GraphBuilder.DERIVED_PARTITIONS : partitions,
        Repartitioner.REPARTITIONED);
  }

  @Override
  public KTable<K, V> toTable() {
    return toTable(null, Materialized.defaults());
  }

  @Override
  public KTable<K, V> toTable(Named named) {
    return toTable(Checks.notNull(named, "named"), Materialized.defaults());
  }

  @Override
  public KTable<K, V> toTable(Materialized<K, V> materialized) {
    return toTable(null, materialized);
  }

  @Override
  public KTable<K, V> toTable(Named named, Materialized<K, V> materialized) {
    Checks.notNull(materialized, "materialized");
    String name = stepName(named, "toTable");
    String parent =
        keyChanged
            ? Repartitioner.repartition(this, name, keySerde, valueSerde, TO_TABLE_SERDE_FIX)
                .nodeName()
            : nodeName;
    return TableSteps.<K, V, V>materialize(
        new TableSteps.Spec(
            graph, parent, name, "toTable", materialized, keySerde, valueSerde, null),
        (key, value, current) -> value,
        false);
  }

  /**
   * The step this stream is the output of.
   *
   * @return the step name
   */
  String nodeName() {
    return nodeName;
  }

  /**
   * The serde known for this stream's keys.
   *
   * @return the serde, or null
   */
  Serde<?> keySerde() {
    return keySerde;
  }

  /**
   * The serde known for this stream's values.
   *
   * @return the serde, or null
   */
  Serde<?> valueSerde() {
    return valueSerde;
  }

  /**
   * Whether keys may have changed since the source.
   *
   * @return true if a stateful step must repartition first
   */
  boolean keyChanged() {
    return keyChanged;
  }

  /**
   * The builder's graph.
   *
   * @return the graph
   */
  GraphBuilder graph() {
    return graph;
  }

  private String stepName(Named named, String verb) {
    return graph.name(named == null ? null : named.name(), nodeName, verb);
  }

  private <KR, VR> GraphStream<KR, VR> then(
      Named named,
      String verb,
      ProcessorSupplier<?, ?, ?, ?> supplier,
      Serde<?> outKeySerde,
      Serde<?> outValueSerde) {
    return append(stepName(named, verb), verb, supplier, outKeySerde, outValueSerde);
  }

  private <KR, VR> GraphStream<KR, VR> append(
      String name,
      String verb,
      ProcessorSupplier<?, ?, ?, ?> supplier,
      Serde<?> outKeySerde,
      Serde<?> outValueSerde) {
    graph.add(
        new ProcessorNode(name, List.of(nodeName), verb, supplier, outKeySerde, outValueSerde));
    boolean changes = verb.equals("map") || verb.equals("flatMap") || verb.equals("selectKey");
    return new GraphStream<>(graph, name, outKeySerde, outValueSerde, keyChanged || changes);
  }
}

package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.Grouped;
import dev.sluice.streams.KGroupedTable;
import dev.sluice.streams.KStream;
import dev.sluice.streams.KTable;
import dev.sluice.streams.KeyValue;
import dev.sluice.streams.KeyValueMapper;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Named;
import dev.sluice.streams.Predicate;
import dev.sluice.streams.ValueJoiner;
import dev.sluice.streams.ValueMapper;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.ops.Change;
import dev.sluice.streams.internal.ops.ChangeSerde;
import dev.sluice.streams.internal.ops.FlatMapProcessor;
import dev.sluice.streams.internal.ops.JoinKind;
import dev.sluice.streams.internal.ops.RecordFunctionProcessor;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;

/**
 * The {@link KTable} a builder hands out: a handle on a step whose records carry {@link Change}
 * values (new and old value of a key). Stateless table steps (filter, mapValues, toStream, groupBy)
 * are the same record-function processors streams use, applied to both halves of each change.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class GraphTable<K, V> implements KTable<K, V> {
  private final GraphBuilder graph;
  private final String nodeName;
  private final Serde<?> keySerde;
  private final Serde<?> valueSerde;
  private final String storeName;

  GraphTable(GraphBuilder graph, String nodeName, Serde<?> keySerde, Serde<?> valueSerde) {
    this(graph, nodeName, keySerde, valueSerde, null);
  }

  GraphTable(
      GraphBuilder graph,
      String nodeName,
      Serde<?> keySerde,
      Serde<?> valueSerde,
      String storeName) {
    this.graph = graph;
    this.nodeName = nodeName;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.storeName = storeName;
  }

  @Override
  public KTable<K, V> filter(Predicate<? super K, ? super V> predicate) {
    return filter(predicate, null, "filter", false);
  }

  @Override
  public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
    return filter(predicate, Checks.notNull(named, "named"), "filter", false);
  }

  @Override
  public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
    return filter(predicate, null, "filterNot", true);
  }

  @Override
  public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
    return filter(predicate, Checks.notNull(named, "named"), "filterNot", true);
  }

  private KTable<K, V> filter(
      Predicate<? super K, ? super V> predicate, Named named, String verb, boolean negate) {
    Checks.notNull(predicate, "predicate");
    Function<Record<K, Change<V>>, Record<K, Change<V>>> function =
        r -> {
          V newValue = keep(predicate, negate, r.key(), r.value().newValue());
          V oldValue = keep(predicate, negate, r.key(), r.value().oldValue());
          // a row that neither matches now nor matched before is no news downstream
          return newValue == null && oldValue == null
              ? null
              : r.withValue(new Change<>(newValue, oldValue));
        };
    return table(named, verb, RecordFunctionProcessor.of(function), valueSerde);
  }

  private static <K, V> V keep(
      Predicate<? super K, ? super V> predicate, boolean negate, K key, V value) {
    return value != null && predicate.test(key, value) != negate ? value : null;
  }

  @Override
  public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
    return mapValuesStep(mapper, null);
  }

  @Override
  public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
    return mapValuesStep(mapper, Checks.notNull(named, "named"));
  }

  private <VR> KTable<K, VR> mapValuesStep(
      ValueMapper<? super V, ? extends VR> mapper, Named named) {
    Checks.notNull(mapper, "mapper");
    Function<Record<K, Change<V>>, Record<K, Change<VR>>> function =
        r -> {
          Change<V> change = r.value();
          VR newValue = change.newValue() == null ? null : mapper.apply(change.newValue());
          VR oldValue = change.oldValue() == null ? null : mapper.apply(change.oldValue());
          return r.withValue(new Change<>(newValue, oldValue));
        };
    return table(named, "mapValues", RecordFunctionProcessor.of(function), null);
  }

  @Override
  public KStream<K, V> toStream() {
    return toStreamStep(null);
  }

  @Override
  public KStream<K, V> toStream(Named named) {
    return toStreamStep(Checks.notNull(named, "named"));
  }

  private KStream<K, V> toStreamStep(Named named) {
    String name = stepName(named, "toStream");
    Function<Record<K, Change<V>>, Record<K, V>> function = r -> r.withValue(r.value().newValue());
    graph.add(
        new ProcessorNode(
            name,
            List.of(nodeName),
            "toStream",
            RecordFunctionProcessor.of(function),
            keySerde,
            valueSerde));
    return new GraphStream<>(graph, name, keySerde, valueSerde, false);
  }

  @Override
  public <KR, VR> KGroupedTable<KR, VR> groupBy(
      KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector) {
    return groupBy(selector, Grouped.defaults());
  }

  @Override
  public <KR, VR> KGroupedTable<KR, VR> groupBy(
      KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector, Grouped<KR, VR> grouped) {
    Checks.notNull(selector, "selector");
    Checks.notNull(grouped, "grouped");
    String name = stepName(null, "groupBy");
    Function<Record<K, Change<V>>, Iterable<Record<KR, Change<VR>>>> function =
        r -> regroup(name, selector, r);
    graph.add(
        new ProcessorNode(
            name, List.of(nodeName), "groupBy", FlatMapProcessor.of(function), null, null));
    GraphStream<K, V> selected = new GraphStream<>(graph, name, null, null, true);
    String base = grouped.name() != null ? grouped.name() : name;
    GraphStream<KR, Change<VR>> repartitioned =
        Repartitioner.repartition(
            selected,
            base,
            grouped.keySerde(),
            new ChangeSerde<>(grouped.valueSerde()),
            Repartitioner.GROUPED);
    return new GraphGroupedTable<>(
        graph, repartitioned.nodeName(), name, grouped.keySerde(), grouped.valueSerde());
  }

  /**
   * Maps one row update to the updates of the groups it leaves and joins: the old value is
   * subtracted from its old group and the new value added to its new group, in one update when the
   * group is the same.
   */
  private static <K, V, KR, VR> List<Record<KR, Change<VR>>> regroup(
      String step,
      KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector,
      Record<K, Change<V>> record) {
    Change<V> change = record.value();
    KeyValue<KR, VR> left = select(step, selector, record.key(), change.oldValue());
    KeyValue<KR, VR> joined = select(step, selector, record.key(), change.newValue());
    List<Record<KR, Change<VR>>> out = new ArrayList<>(2);
    if (left != null && joined != null && Objects.equals(left.key(), joined.key())) {
      out.add(regrouped(record, joined.key(), new Change<>(joined.value(), left.value())));
      return out;
    }
    if (left != null) {
      out.add(regrouped(record, left.key(), new Change<>(null, left.value())));
    }
    if (joined != null) {
      out.add(regrouped(record, joined.key(), new Change<>(joined.value(), null)));
    }
    return out;
  }

  private static <K, V, KR, VR> KeyValue<KR, VR> select(
      String step,
      KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector,
      K key,
      V value) {
    if (value == null) {
      return null;
    }
    KeyValue<KR, VR> pair = selector.apply(key, value);
    Checks.argument(pair != null, "groupBy step '%s' returned null: return a KeyValue", step);
    return pair;
  }

  private static <KR, VR> Record<KR, Change<VR>> regrouped(
      Record<?, ?> record, KR key, Change<VR> change) {
    return new Record<>(key, change, record.timestamp(), record.headers());
  }

  @Override
  public <VO, VR> KTable<K, VR> join(
      KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
    return Joins.tableTable(this, other, joiner, null, JoinKind.INNER);
  }

  @Override
  public <VO, VR> KTable<K, VR> join(
      KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named) {
    return Joins.tableTable(this, other, joiner, Checks.notNull(named, "named"), JoinKind.INNER);
  }

  @Override
  public <VO, VR> KTable<K, VR> leftJoin(
      KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
    return Joins.tableTable(this, other, joiner, null, JoinKind.LEFT);
  }

  @Override
  public <VO, VR> KTable<K, VR> leftJoin(
      KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named) {
    return Joins.tableTable(this, other, joiner, Checks.notNull(named, "named"), JoinKind.LEFT);
  }

  @Override
  public <VO, VR> KTable<K, VR> outerJoin(
      KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
    return Joins.tableTable(this, other, joiner, null, JoinKind.OUTER);
  }

  @Override
  public <VO, VR> KTable<K, VR> outerJoin(
      KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named) {
    return Joins.tableTable(this, other, joiner, Checks.notNull(named, "named"), JoinKind.OUTER);
  }

  @Override
  public <VR, KO, VO> KTable<K, VR> join(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
    return ForeignKeyJoins.join(
        this, other, foreignKeyExtractor, joiner, null, Materialized.defaults(), JoinKind.INNER);
  }

  @Override
  public <VR, KO, VO> KTable<K, VR> join(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      Named named) {
    return ForeignKeyJoins.join(
        this,
        other,
        foreignKeyExtractor,
        joiner,
        Checks.notNull(named, "named"),
        Materialized.defaults(),
        JoinKind.INNER);
  }

  @Override
  public <VR, KO, VO> KTable<K, VR> join(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      Materialized<K, VR> materialized) {
    return ForeignKeyJoins.join(
        this, other, foreignKeyExtractor, joiner, null, materialized, JoinKind.INNER);
  }

  @Override
  public <VR, KO, VO> KTable<K, VR> join(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      Named named,
      Materialized<K, VR> materialized) {
    return ForeignKeyJoins.join(
        this,
        other,
        foreignKeyExtractor,
        joiner,
        Checks.notNull(named, "named"),
        materialized,
        JoinKind.INNER);
  }

  @Override
  public <VR, KO, VO> KTable<K, VR> leftJoin(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
    return ForeignKeyJoins.join(
        this, other, foreignKeyExtractor, joiner, null, Materialized.defaults(), JoinKind.LEFT);
  }

  @Override
  public <VR, KO, VO> KTable<K, VR> leftJoin(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      Named named) {
    return ForeignKeyJoins.join(
        this,
        other,
        foreignKeyExtractor,
        joiner,
        Checks.notNull(named, "named"),
        Materialized.defaults(),
        JoinKind.LEFT);
  }

  @Override
  public <VR, KO, VO> KTable<K, VR> leftJoin(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      Materialized<K, VR> materialized) {
    return ForeignKeyJoins.join(
        this, other, foreignKeyExtractor, joiner, null, materialized, JoinKind.LEFT);
  }

  @Override
  public <VR, KO, VO> KTable<K, VR> leftJoin(
      KTable<KO, VO> other,
      Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      Named named,
      Materialized<K, VR> materialized) {
    return ForeignKeyJoins.join(
        this,
        other,
        foreignKeyExtractor,
        joiner,
        Checks.notNull(named, "named"),
        materialized,
        JoinKind.LEFT);
  }

  GraphBuilder graph() {
    return graph;
  }

  String nodeName() {
    return nodeName;
  }

  Serde<?> keySerde() {
    return keySerde;
  }

  Serde<?> valueSerde() {
    return valueSerde;
  }

  /** The store this table's step keeps, or null if the step has none (filter, mapValues). */
  String storeName() {
    return storeName;
  }

  private String stepName(Named named, String verb) {
    return graph.name(named == null ? null : named.name(), nodeName, verb);
  }

  private <VR> KTable<K, VR> table(
      Named named, String verb, ProcessorSupplier<?, ?, ?, ?> supplier, Serde<?> outValueSerde) {
    String name = stepName(named, verb);
    graph.add(new ProcessorNode(name, List.of(nodeName), verb, supplier, keySerde, outValueSerde));
    return new GraphTable<>(graph, name, keySerde, outValueSerde);
  }
}

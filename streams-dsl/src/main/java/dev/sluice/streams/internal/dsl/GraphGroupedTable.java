package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.Aggregator;
import dev.sluice.streams.Initializer;
import dev.sluice.streams.KGroupedTable;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Reducer;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.ops.Change;
import dev.sluice.streams.internal.ops.StoreUpdateProcessor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The {@link KGroupedTable} of a re-grouped table: its input is the repartition source, whose
 * records are {@link Change}s; each aggregation subtracts the old value, then adds the new one.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class GraphGroupedTable<K, V> implements KGroupedTable<K, V> {
  private final GraphBuilder graph;
  private final String input;
  private final String base;
  private final Serde<?> keySerde;
  private final Serde<?> valueSerde;

  GraphGroupedTable(
      GraphBuilder graph, String input, String base, Serde<?> keySerde, Serde<?> valueSerde) {
    this.graph = graph;
    this.input = input;
    this.base = base;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
  }

  /** Folds one value into or out of an aggregate that may be absent (null). */
  @FunctionalInterface
  private interface Fold<K, V, A> {
    A apply(K key, V value, A aggregate);
  }

  private <A> KTable<K, A> aggregateStep(
      String verb,
      Materialized<K, A> materialized,
      Serde<?> storeValueSerde,
      Fold<K, V, A> adder,
      Fold<K, V, A> subtractor) {
    Checks.notNull(materialized, "materialized");
    String step = graph.name(null, base, verb);
    StoreUpdateProcessor.Update<K, Change<V>, A> update =
        (key, change, current) -> {
          A aggregate = current;
          if (change.oldValue() != null) {
            aggregate = subtractor.apply(key, change.oldValue(), aggregate);
          }
          if (change.newValue() != null) {
            aggregate = adder.apply(key, change.newValue(), aggregate);
          }
          return aggregate;
        };
    return TableSteps.materialize(
        new TableSteps.Spec(
            graph, input, step, verb, materialized, keySerde, storeValueSerde, null),
        update,
        true);
  }

  @Override
  public KTable<K, Long> count() {
    return count(Materialized.defaults());
  }

  @Override
  public KTable<K, Long> count(Materialized<K, Long> materialized) {
    return aggregateStep(
        "count",
        materialized,
        Serdes.Long(),
        (key, value, count) -> (count == null ? 0L : count) + 1,
        (key, value, count) -> (count == null ? 0L : count) - 1);
  }

  @Override
  public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor) {
    return reduce(adder, subtractor, Materialized.defaults());
  }

  @Override
  public KTable<K, V> reduce(
      Reducer<V> adder, Reducer<V> subtractor, Materialized<K, V> materialized) {
    Checks.notNull(adder, "adder");
    Checks.notNull(subtractor, "subtractor");
    return aggregateStep(
        "reduce",
        materialized,
        valueSerde,
        (key, value, aggregate) -> aggregate == null ? value : adder.apply(aggregate, value),
        (key, value, aggregate) -> aggregate == null ? null : subtractor.apply(aggregate, value));
  }

  @Override
  public <VA> KTable<K, VA> aggregate(
      Initializer<VA> initializer,
      Aggregator<? super K, ? super V, VA> adder,
      Aggregator<? super K, ? super V, VA> subtractor) {
    return aggregate(initializer, adder, subtractor, Materialized.defaults());
  }

  @Override
  public <VA> KTable<K, VA> aggregate(
      Initializer<VA> initializer,
      Aggregator<? super K, ? super V, VA> adder,
      Aggregator<? super K, ? super V, VA> subtractor,
      Materialized<K, VA> materialized) {
    Checks.notNull(initializer, "initializer");
    Checks.notNull(adder, "adder");
    Checks.notNull(subtractor, "subtractor");
    return aggregateStep(
        "aggregate",
        materialized,
        null,
        (key, value, aggregate) ->
            adder.apply(key, value, aggregate == null ? initializer.apply() : aggregate),
        (key, value, aggregate) ->
            subtractor.apply(key, value, aggregate == null ? initializer.apply() : aggregate));
  }
}

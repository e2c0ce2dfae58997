package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.Aggregator;
import dev.sluice.streams.Grouped;
import dev.sluice.streams.Initializer;
import dev.sluice.streams.KGroupedStream;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Named;
import dev.sluice.streams.Reducer;
import dev.sluice.streams.SessionWindowedKStream;
import dev.sluice.streams.SessionWindows;
import dev.sluice.streams.SlidingWindows;
import dev.sluice.streams.TimeWindowedKStream;
import dev.sluice.streams.TimeWindows;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.GraphBuilder;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The {@link KGroupedStream} of a {@link GraphStream}. Holds no graph nodes itself: each
 * aggregation adds its step, after the shared repartition step when keys changed upstream.
 * Aggregation steps are named after the grouped stream's step ({@code <step>.count}), so adding a
 * repartition does not rename them.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class GraphGroupedStream<K, V> implements KGroupedStream<K, V> {
  private final GraphStream<K, V> upstream;
  private final Grouped<K, V> grouped;

  GraphGroupedStream(GraphStream<K, V> upstream, Grouped<K, V> grouped) {
    this.upstream = upstream;
    this.grouped = grouped;
  }

  Serde<?> keySerde() {
    return grouped.keySerde() != null ? grouped.keySerde() : upstream.keySerde();
  }

  Serde<?> valueSerde() {
    return grouped.valueSerde() != null ? grouped.valueSerde() : upstream.valueSerde();
  }

  /** The stream the aggregation reads: repartitioned by key if keys changed upstream. */
  String input() {
    if (!upstream.keyChanged()) {
      return upstream.nodeName();
    }
    String base = grouped.name() != null ? grouped.name() : upstream.nodeName();
    return Repartitioner.repartition(
            upstream, base, keySerde(), valueSerde(), Repartitioner.GROUPED)
        .nodeName();
  }

  GraphBuilder graph() {
    return upstream.graph();
  }

  /** The step aggregation steps are named after. */
  String stepName() {
    return upstream.nodeName();
  }

  @Override
  public TimeWindowedKStream<K, V> windowedBy(TimeWindows windows) {
    return new GraphTimeWindowedStream<>(this, new WindowShape.Time(windows), false, null);
  }

  @Override
  public TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows) {
    return new GraphTimeWindowedStream<>(this, new WindowShape.Sliding(windows), false, null);
  }

  @Override
  public SessionWindowedKStream<K, V> windowedBy(SessionWindows windows) {
    return new GraphSessionWindowedStream<>(this, windows, false, null);
  }

  private <A> TableSteps.Spec spec(
      Named named, String verb, Materialized<K, A> materialized, Serde<?> valueSerde) {
    Checks.notNull(materialized, "materialized");
    String step =
        upstream.graph().name(named == null ? null : named.name(), upstream.nodeName(), verb);
    String parent = input();
    return new TableSteps.Spec(
        upstream.graph(), parent, step, verb, materialized, keySerde(), valueSerde, null);
  }

  @Override
  public KTable<K, Long> count() {
    return count(null, Materialized.defaults());
  }

  @Override
  public KTable<K, Long> count(Named named) {
    return count(Checks.notNull(named, "named"), Materialized.defaults());
  }

  @Override
  public KTable<K, Long> count(Materialized<K, Long> materialized) {
    return count(null, materialized);
  }

  @Override
  public KTable<K, Long> count(Named named, Materialized<K, Long> materialized) {
    return TableSteps.<K, V, Long>materialize(
        spec(named, "count", materialized, Serdes.Long()),
        (key, value, count) -> count == null ? 1L : count + 1,
        true);
  }

  @Override
  public KTable<K, V> reduce(Reducer<V> reducer) {
    return reduce(reducer, null, Materialized.defaults());
  }

  @Override
  public KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized) {
    return reduce(reducer, null, materialized);
  }

  @Override
  public KTable<K, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V> materialized) {
    Checks.notNull(reducer, "reducer");
    return TableSteps.<K, V, V>materialize(
        spec(named, "reduce", materialized, valueSerde()),
        (key, value, aggregate) -> aggregate == null ? value : reducer.apply(aggregate, value),
        true);
  }

  @Override
  public <VA> KTable<K, VA> aggregate(
      Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator) {
    return aggregate(initializer, aggregator, null, Materialized.defaults());
  }

  @Override
  public <VA> KTable<K, VA> aggregate(
      Initializer<VA> initializer,
      Aggregator<? super K, ? super V, VA> aggregator,
      Materialized<K, VA> materialized) {
    return aggregate(initializer, aggregator, null, materialized);
  }

  @Override
  public <VA> KTable<K, VA> aggregate(
      Initializer<VA> initializer,
      Aggregator<? super K, ? super V, VA> aggregator,
      Named named,
      Materialized<K, VA> materialized) {
    Checks.notNull(initializer, "initializer");
    Checks.notNull(aggregator, "aggregator");
    return TableSteps.<K, V, VA>materialize(
        spec(named, "aggregate", materialized, null),
        (key, value, aggregate) ->
            aggregator.apply(key, value, aggregate == null ? initializer.apply() : aggregate),
        true);
  }
}

package dev.sluice.streams.internal.dsl;

import dev.sluice.state.Windowed;
import dev.sluice.streams.Aggregator;
import dev.sluice.streams.Initializer;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Merger;
import dev.sluice.streams.Reducer;
import dev.sluice.streams.SessionWindowedKStream;
import dev.sluice.streams.SessionWindows;
import dev.sluice.streams.WindowedSerdes;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.internal.ops.SessionAggregateProcessor;
import dev.sluice.streams.internal.ops.StoreUpdateProcessor;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The {@link SessionWindowedKStream} of a {@link GraphGroupedStream}. Immutable: {@code emitFinal}
 * and {@code lateRecordsTo} return copies. Each aggregation adds one step {@code <grouped
 * step>.windowedBy.<verb>} running a {@link SessionAggregateProcessor} and its session store
 * (retention gap + grace; uncached in final mode, plus the {@code <store>-emitted} companion
 * store), and the side output for late records when asked (see {@link WindowedSteps}).
 *
 * @param <K> key type
 * @param <V> value type
 */
final class GraphSessionWindowedStream<K, V> implements SessionWindowedKStream<K, V> {
  private final GraphGroupedStream<K, V> grouped;
  private final SessionWindows windows;
  private final boolean emitFinal;
  private final String lateTopic;

  GraphSessionWindowedStream(
      GraphGroupedStream<K, V> grouped,
      SessionWindows windows,
      boolean emitFinal,
      String lateTopic) {
    this.grouped = grouped;
    this.windows = Checks.notNull(windows, "windows");
    this.emitFinal = emitFinal;
    this.lateTopic = lateTopic;
  }

  @Override
  public SessionWindowedKStream<K, V> emitFinal() {
    return new GraphSessionWindowedStream<>(grouped, windows, true, lateTopic);
  }

  @Override
  public SessionWindowedKStream<K, V> lateRecordsTo(String topic) {
    Checks.validName(topic, "late records topic");
    return new GraphSessionWindowedStream<>(grouped, windows, emitFinal, topic);
  }

  @Override
  public KTable<Windowed<K>, Long> count() {
    return count(Materialized.defaults());
  }

  @Override
  public KTable<Windowed<K>, Long> count(Materialized<K, Long> materialized) {
    return this.<Long>add(
        "count",
        materialized,
        Serdes.Long(),
        (key, value, count) -> count == null ? 1L : count + 1,
        (key, earlier, later) -> earlier + later);
  }

  @Override
  public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
    return reduce(reducer, Materialized.defaults());
  }

  @Override
  public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized) {
    Checks.notNull(reducer, "reducer");
    return this.<V>add(
        "reduce",
        materialized,
        grouped.valueSerde(),
        (key, value, aggregate) -> aggregate == null ? value : reducer.apply(aggregate, value),
        (key, earlier, later) -> reducer.apply(earlier, later));
  }

  @Override
  public <VA> KTable<Windowed<K>, VA> aggregate(
      Initializer<VA> initializer,
      Aggregator<? super K, ? super V, VA> aggregator,
      Merger<? super K, VA> merger,
      Materialized<K, VA> materialized) {
    Checks.notNull(initializer, "initializer");
    Checks.notNull(aggregator, "aggregator");
    Checks.notNull(merger, "merger");
    return this.<VA>add(
        "aggregate",
        materialized,
        null,
        (key, value, aggregate) ->
            aggregator.apply(key, value, aggregate == null ? initializer.apply() : aggregate),
        merger::apply);
  }

  @SuppressWarnings("unchecked")
  private <A> KTable<Windowed<K>, A> add(
      String verb,
      Materialized<K, A> materialized,
      Serde<?> defaultValueSerde,
      StoreUpdateProcessor.Update<K, V, A> update,
      SessionAggregateProcessor.Merge<K, A> merge) {
    Checks.notNull(materialized, "materialized");
    GraphBuilder graph = grouped.graph();
    String step = WindowedSteps.step(grouped, "windowedBy." + verb, windows.grace());
    String parent = grouped.input();
    String storeName =
        materialized.storeName() != null ? materialized.storeName() : step + "-store";
    Serde<?> keySerde =
        materialized.keySerde() != null ? materialized.keySerde() : grouped.keySerde();
    Serde<?> valueSerde =
        materialized.valueSerde() != null ? materialized.valueSerde() : defaultValueSerde;
    graph.addStore(
        new StoreSpec(
            storeName,
            StoreSpec.Kind.SESSION,
            keySerde,
            valueSerde,
            materialized.persistent(),
            materialized.loggingEnabled(),
            materialized.cachingEnabled() && !emitFinal,
            null,
            step,
            0,
            windows.inactivityGap().plus(windows.grace()).toMillis()));
    String markerStore =
        emitFinal ? WindowedSteps.addEmittedStore(graph, storeName, materialized, step) : null;
    Serde<?> windowedKeySerde =
        keySerde == null ? null : WindowedSerdes.sessionWindowed((Serde<K>) keySerde);
    graph.add(
        new ProcessorNode(
            step,
            List.of(parent),
            "windowedBy." + verb,
            SessionAggregateProcessor.of(
                new SessionAggregateProcessor.Config<>(
                    step,
                    storeName,
                    windows,
                    update,
                    merge,
                    WindowedSteps.lateStep(step, lateTopic),
                    markerStore)),
            windowedKeySerde,
            valueSerde,
            emitFinal ? List.of(storeName, markerStore) : List.of(storeName)));
    WindowedSteps.addLateOutput(grouped, step, lateTopic);
    return new GraphTable<>(graph, step, windowedKeySerde, valueSerde);
  }
}

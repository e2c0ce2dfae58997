package dev.sluice.streams.internal.dsl;

import dev.sluice.state.Windowed;
import dev.sluice.streams.Aggregator;
import dev.sluice.streams.Initializer;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Reducer;
import dev.sluice.streams.TimeWindowedKStream;
import dev.sluice.streams.WindowedSerdes;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.internal.ops.StoreUpdateProcessor;
import dev.sluice.streams.internal.ops.WindowAggregation;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The {@link TimeWindowedKStream} of a {@link GraphGroupedStream}, for time and sliding windows
 * alike (what differs is the {@link WindowShape}). Immutable: {@code emitFinal} and {@code
 * lateRecordsTo} return copies. Each aggregation adds, after the grouped stream's input (and its
 * repartition step, if any), one step {@code <grouped step>.windowedBy.<verb>} running the shape's
 * processor, its window store (plus the shape's companion stores, and the {@code <store>-emitted}
 * marker store in final mode), and for a side output a {@code .late} step and its sink.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class GraphTimeWindowedStream<K, V> implements TimeWindowedKStream<K, V> {
  private final GraphGroupedStream<K, V> grouped;
  private final WindowShape windows;
  private final boolean emitFinal;
  private final String lateTopic;

  GraphTimeWindowedStream(
      GraphGroupedStream<K, V> grouped, WindowShape windows, boolean emitFinal, String lateTopic) {
    this.grouped = grouped;
    this.windows = windows;
    this.emitFinal = emitFinal;
    this.lateTopic = lateTopic;
  }

  @Override
  public TimeWindowedKStream<K, V> emitFinal() {
    return new GraphTimeWindowedStream<>(grouped, windows, true, lateTopic);
  }

  @Override
  public TimeWindowedKStream<K, V> lateRecordsTo(String topic) {
    Checks.validName(topic, "late records topic");
    return new GraphTimeWindowedStream<>(grouped, windows, emitFinal, topic);
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
        (key, value, count) -> count == null ? 1L : count + 1);
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
        (key, value, aggregate) -> aggregate == null ? value : reducer.apply(aggregate, value));
  }

  @Override
  public <VA> KTable<Windowed<K>, VA> aggregate(
      Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator) {
    return aggregate(initializer, aggregator, Materialized.defaults());
  }

  @Override
  public <VA> KTable<Windowed<K>, VA> aggregate(
      Initializer<VA> initializer,
      Aggregator<? super K, ? super V, VA> aggregator,
      Materialized<K, VA> materialized) {
    Checks.notNull(initializer, "initializer");
    Checks.notNull(aggregator, "aggregator");
    return this.<VA>add(
        "aggregate",
        materialized,
        null,
        (key, value, aggregate) ->
            aggregator.apply(key, value, aggregate == null ? initializer.apply() : aggregate));
  }

  @SuppressWarnings("unchecked")
  private <A> KTable<Windowed<K>, A> add(
      String verb,
      Materialized<K, A> materialized,
      Serde<?> defaultValueSerde,
      StoreUpdateProcessor.Update<K, V, A> update) {
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
    StoreSpec windowStore =
        new StoreSpec(
            storeName,
            StoreSpec.Kind.WINDOW,
            keySerde,
            valueSerde,
            materialized.persistent(),
            materialized.loggingEnabled(),
            materialized.cachingEnabled() && !emitFinal,
            null,
            step,
            windows.storeLengthMs(),
            windows.retentionMs());
    graph.addStore(windowStore);
    List<String> stores = new ArrayList<>(List.of(storeName));
    for (StoreSpec store : windows.companionStores(windowStore)) {
      graph.addStore(store);
      stores.add(store.name());
    }
    String markerStore = null;
    if (emitFinal) {
      markerStore = WindowedSteps.addEmittedStore(graph, storeName, materialized, step);
      stores.add(markerStore);
    }
    String lateStep = WindowedSteps.lateStep(step, lateTopic);
    Serde<?> windowedKeySerde =
        keySerde == null
            ? null
            : WindowedSerdes.timeWindowed((Serde<K>) keySerde, windows.keySize());
    graph.add(
        new ProcessorNode(
            step,
            List.of(parent),
            "windowedBy." + verb,
            windows.processor(
                new WindowAggregation<>(step, storeName, markerStore, update, lateStep)),
            windowedKeySerde,
            valueSerde,
            stores));
    WindowedSteps.addLateOutput(grouped, step, lateTopic);
    return new GraphTable<>(graph, step, windowedKeySerde, valueSerde);
  }
}

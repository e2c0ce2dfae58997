package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.KTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.SourceNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.internal.ops.StoreUpdateProcessor;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * Adds a step that keeps a table in a store: the store spec (named by the user or {@code
 * <step>-store}) and one {@link ProcessorNode} running a {@link StoreUpdateProcessor}. Every
 * aggregation, {@code toTable} and table source goes through here, so they share naming, serde and
 * store rules.
 */
public final class TableSteps {

  private TableSteps() {}

  /**
   * What to add.
   *
   * @param graph the builder's graph
   * @param parent the step feeding the new one
   * @param step the new step's name
   * @param verb the DSL verb, for describe()
   * @param materialized the store options
   * @param keySerde the key serde if the options name none (null for the builder default)
   * @param valueSerde the value serde if the options name none (null for the builder default)
   * @param sourceTopic the topic that serves as the store's changelog, or null for its own
   */
  record Spec(
      GraphBuilder graph,
      String parent,
      String step,
      String verb,
      Materialized<?, ?> materialized,
      Serde<?> keySerde,
      Serde<?> valueSerde,
      String sourceTopic) {}

  /**
   * The table of a topic read as a changelog: a step after the topic's source that keeps the latest
   * value per key in a store, which is restored from the topic itself (no changelog topic of its
   * own).
   *
   * @param graph the builder's graph
   * @param source the source step, already added
   * @param materialized the store options
   * @param <K> key type
   * @param <V> value type
   * @return the table
   */
  public static <K, V> KTable<K, V> fromSource(
      GraphBuilder graph, SourceNode source, Materialized<K, V> materialized) {
    String step = graph.name(null, source.name(), "table");
    return TableSteps.<K, V, V>materialize(
        new Spec(
            graph,
            source.name(),
            step,
            "table",
            materialized,
            source.keySerde(),
            source.valueSerde(),
            source.topics().get(0)),
        (key, value, current) -> value,
        false);
  }

  /**
   * Adds the store and the step.
   *
   * @param spec what to add
   * @param update computes each key's new stored value
   * @param dropNullInput whether null input values are dropped rather than deleting
   * @param <K> key type
   * @param <I> input value type
   * @param <A> stored value type
   * @return the table the step keeps
   */
  static <K, I, A> GraphTable<K, A> materialize(
      Spec spec, StoreUpdateProcessor.Update<K, I, A> update, boolean dropNullInput) {
    Materialized<?, ?> options = spec.materialized();
    String storeName = options.storeName() != null ? options.storeName() : spec.step() + "-store";
    Serde<?> keySerde = options.keySerde() != null ? options.keySerde() : spec.keySerde();
    Serde<?> valueSerde = options.valueSerde() != null ? options.valueSerde() : spec.valueSerde();
    spec.graph()
        .addStore(
            new StoreSpec(
                storeName,
                StoreSpec.Kind.KEY_VALUE,
                keySerde,
                valueSerde,
                options.persistent(),
                spec.sourceTopic() == null && options.loggingEnabled(),
                options.cachingEnabled(),
                spec.sourceTopic(),
                spec.step()));
    spec.graph()
        .add(
            new ProcessorNode(
                spec.step(),
                List.of(spec.parent()),
                spec.verb(),
                StoreUpdateProcessor.of(spec.step(), storeName, update, dropNullInput),
                keySerde,
                valueSerde,
                List.of(storeName)));
    return new GraphTable<>(spec.graph(), spec.step(), keySerde, valueSerde, storeName);
  }
}

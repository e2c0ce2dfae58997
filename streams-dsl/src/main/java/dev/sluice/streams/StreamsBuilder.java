package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.compile.TopologyCompiler;
import dev.sluice.streams.internal.dsl.GraphGlobalTable;
import dev.sluice.streams.internal.dsl.GraphStream;
import dev.sluice.streams.internal.dsl.TableSteps;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.SinkNode;
import dev.sluice.streams.internal.graph.SourceNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.processor.ProcessorSupplier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;

/**
 * The entry point for describing processing: start streams from topics, chain steps, then {@link
 * #build()} an immutable {@link Topology}.
 *
 * <p>Serdes: a source uses its {@link Consumed} serdes, else the builder defaults; each step passes
 * on the serdes it does not change; a sink uses its {@link Produced} serdes, else the upstream
 * ones, else the defaults. A step whose serde cannot be known is reported by {@link #build()} with
 * the fix, instead of failing at run time with a {@link ClassCastException}.
 *
 * <p>The low-level {@code add*} methods wire {@link dev.sluice.streams.processor.Processor}s by
 * name, for graphs the DSL does not express.
 *
 * <p>Not thread-safe.
 */
public final class StreamsBuilder {
  private final GraphBuilder graph = new GraphBuilder();
  private final Serde<?> defaultKeySerde;
  private final Serde<?> defaultValueSerde;

  /** A builder with no default serdes: every source and sink must have serdes. */
  public StreamsBuilder() {
    this(null, null);
  }

  private StreamsBuilder(Serde<?> defaultKeySerde, Serde<?> defaultValueSerde) {
    this.defaultKeySerde = defaultKeySerde;
    this.defaultValueSerde = defaultValueSerde;
  }

  /**
   * A builder whose sources and sinks fall back to these serdes.
   *
   * @param keySerde the default key serde
   * @param valueSerde the default value serde
   * @return a new builder
   */
  public static StreamsBuilder withDefaultSerdes(Serde<?> keySerde, Serde<?> valueSerde) {
    return new StreamsBuilder(
        Checks.notNull(keySerde, "keySerde"), Checks.notNull(valueSerde, "valueSerde"));
  }

  /**
   * A stream of one topic with the default serdes.
   *
   * @param topic the topic
   * @param <K> key type
   * @param <V> value type
   * @return the stream
   */
  public <K, V> KStream<K, V> stream(String topic) {
    return stream(topic, new Consumed<K, V>(null, null, null, null));
  }

  /**
   * A stream of one topic.
   *
   * @param topic the topic
   * @param consumed serdes, timestamp extractor and name
   * @param <K> key type
   * @param <V> value type
   * @return the stream
   */
  public <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed) {
    Checks.validName(topic, "topic");
    return stream(List.of(topic), consumed);
  }

  /**
   * A stream of several topics with the default serdes.
   *
   * @param topics the topics
   * @param <K> key type
   * @param <V> value type
   * @return the stream
   */
  public <K, V> KStream<K, V> stream(Collection<String> topics) {
    return stream(topics, new Consumed<K, V>(null, null, null, null));
  }

  /**
   * A stream of several topics.
   *
   * @param topics the topics
   * @param consumed serdes, timestamp extractor and name
   * @param <K> key type
   * @param <V> value type
   * @return the stream
   */
  public <K, V> KStream<K, V> stream(Collection<String> topics, Consumed<K, V> consumed) {
    Checks.notNull(topics, "topics");
    Checks.notNull(consumed, "consumed");
    Checks.argument(!topics.isEmpty(), "stream(topics) needs at least one topic");
    topics.forEach(topic -> Checks.validName(topic, "topic"));
    List<String> topicList = List.copyOf(topics);
    String name =
        consumed.name() != null
            ? consumed.name()
            : graph.derive("from-" + String.join("+", topicList));
    return source(
        new SourceNode(
            name,
            topicList,
            null,
            consumed.keySerde(),
            consumed.valueSerde(),
            extractor(consumed)));
  }

  /**
   * A table of a topic read as a changelog, with the default serdes: the latest value per key, a
   * null value deleting the key. The topic itself serves as the table's changelog.
   *
   * @param topic the topic
   * @param <K> key type
   * @param <V> value type
   * @return the table
   */
  public <K, V> KTable<K, V> table(String topic) {
    return table(topic, new Consumed<K, V>(null, null, null, null), Materialized.defaults());
  }

  /**
   * A table of a topic read as a changelog.
   *
   * @param topic the topic
   * @param consumed serdes, timestamp extractor and source name
   * @param <K> key type
   * @param <V> value type
   * @return the table
   */
  public <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed) {
    return table(topic, consumed, Materialized.defaults());
  }

  /**
   * A table of a topic read as a changelog, in a configured store.
   *
   * @param topic the topic
   * @param materialized the store options (serdes default to the builder's)
   * @param <K> key type
   * @param <V> value type
   * @return the table
   */
  public <K, V> KTable<K, V> table(String topic, Materialized<K, V> materialized) {
    return table(topic, new Consumed<K, V>(null, null, null, null), materialized);
  }

  /**
   * A table of a topic read as a changelog, in a configured store. Records with a null key are
   * dropped and counted. The store is not logged: it is restored from the topic.
   *
   * @param topic the topic
   * @param consumed serdes, timestamp extractor and source name
   * @param materialized the store options (serdes default to the consumed ones)
   * @param <K> key type
   * @param <V> value type
   * @return the table
   */
  public <K, V> KTable<K, V> table(
      String topic, Consumed<K, V> consumed, Materialized<K, V> materialized) {
    Checks.validName(topic, "topic");
    Checks.notNull(consumed, "consumed");
    Checks.notNull(materialized, "materialized");
    String name = consumed.name() != null ? consumed.name() : graph.derive("from-" + topic);
    SourceNode source =
        graph.add(
            new SourceNode(
                name,
                List.of(topic),
                null,
                consumed.keySerde(),
                consumed.valueSerde(),
                extractor(consumed)));
    return TableSteps.fromSource(graph, source, materialized);
  }

  /**
   * A global table of a topic, with the default serdes: every task sees the latest value per key of
   * all the topic's partitions (see {@link GlobalKTable}).
   *
   * @param topic the topic
   * @param <K> key type
   * @param <V> value type
   * @return the global table
   */
  public <K, V> GlobalKTable<K, V> globalTable(String topic) {
    return globalTable(topic, new Consumed<K, V>(null, null, null, null), Materialized.defaults());
  }

  /**
   * A global table of a topic.
   *
   * @param topic the topic
   * @param consumed serdes, timestamp extractor and source name
   * @param <K> key type
   * @param <V> value type
   * @return the global table
   */
  public <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed) {
    return globalTable(topic, consumed, Materialized.defaults());
  }

  /**
   * A global table of a topic, in a configured store.
   *
   * @param topic the topic
   * @param materialized the store name, serdes (also used to read the topic) and engine
   * @param <K> key type
   * @param <V> value type
   * @return the global table
   */
  public <K, V> GlobalKTable<K, V> globalTable(String topic, Materialized<K, V> materialized) {
    return globalTable(topic, new Consumed<K, V>(null, null, null, null), materialized);
  }

  /**
   * A global table of a topic, in a configured store. Each application instance keeps one copy,
   * loaded from every partition of the topic before the instance runs and kept up to date while it
   * does; the topic is its changelog, so the store is never logged (nor cached, since it emits
   * nothing). Records with a null key are skipped. A topic can back one global table and cannot
   * also be read as a stream or table.
   *
   * @param topic the topic
   * @param consumed serdes, timestamp extractor and source name (default {@code from-<topic>})
   * @param materialized the store name (default {@code <source>.globalTable-store}), serdes
   *     (default the consumed ones) and engine (RocksDB, or in memory)
   * @param <K> key type
   * @param <V> value type
   * @return the global table
   */
  public <K, V> GlobalKTable<K, V> globalTable(
      String topic, Consumed<K, V> consumed, Materialized<K, V> materialized) {
    return GraphGlobalTable.add(graph, topic, consumed, materialized);
  }

  /**
   * A stream of every topic matching a pattern, with the default serdes.
   *
   * @param pattern the topic pattern
   * @param <K> key type
   * @param <V> value type
   * @return the stream
   */
  public <K, V> KStream<K, V> stream(Pattern pattern) {
    return stream(pattern, new Consumed<K, V>(null, null, null, null));
  }

  /**
   * A stream of every topic matching a pattern.
   *
   * @param pattern the topic pattern
   * @param consumed serdes, timestamp extractor and name
   * @param <K> key type
   * @param <V> value type
   * @return the stream
   */
  public <K, V> KStream<K, V> stream(Pattern pattern, Consumed<K, V> consumed) {
    Checks.notNull(pattern, "pattern");
    Checks.notNull(consumed, "consumed");
    String name =
        consumed.name() != null
            ? consumed.name()
            : graph.derive("from-/" + pattern.pattern() + "/");
    return source(
        new SourceNode(
            name,
            List.of(),
            pattern,
            consumed.keySerde(),
            consumed.valueSerde(),
            extractor(consumed)));
  }

  /**
   * Adds a source step by name (low-level API).
   *
   * @param name the step name
   * @param consumed serdes and timestamp extractor (its name is ignored)
   * @param topics the topics
   * @return this builder
   */
  public StreamsBuilder addSource(String name, Consumed<?, ?> consumed, String... topics) {
    Checks.validName(name, "source");
    Checks.notNull(consumed, "consumed");
    Checks.notNull(topics, "topics");
    graph.add(
        new SourceNode(
            name,
            List.of(topics),
            null,
            consumed.keySerde(),
            consumed.valueSerde(),
            extractor(consumed)));
    return this;
  }

  /**
   * Adds a processor step fed by the named parents (low-level API).
   *
   * @param name the step name
   * @param supplier creates one processor per task
   * @param parentNames the upstream steps, defined before this one
   * @return this builder
   */
  public StreamsBuilder addProcessor(
      String name, ProcessorSupplier<?, ?, ?, ?> supplier, String... parentNames) {
    Checks.validName(name, "processor");
    Checks.notNull(supplier, "supplier");
    Checks.notNull(parentNames, "parentNames");
    graph.add(new ProcessorNode(name, List.of(parentNames), "process", supplier, null, null));
    return this;
  }

  /**
   * Lets a processor step added with {@link #addProcessor} use state stores (low-level API).
   *
   * @param processorName a processor step added before
   * @param storeNames stores declared with {@link #addStateStore}
   * @return this builder
   * @throws IllegalArgumentException if no processor step has that name
   */
  public StreamsBuilder connectProcessorAndStateStores(String processorName, String... storeNames) {
    Checks.notNull(processorName, "processorName");
    Checks.notNull(storeNames, "storeNames");
    for (String store : storeNames) {
      Checks.validName(store, "state store");
    }
    ProcessorNode node =
        graph.nodes().stream()
            .filter(n -> n instanceof ProcessorNode && n.name().equals(processorName))
            .map(ProcessorNode.class::cast)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        String.format(
                            "connectProcessorAndStateStores: no processor step named '%s'; add it"
                                + " with addProcessor first",
                            processorName)));
    List<String> stores = new ArrayList<>(node.stores());
    for (String store : storeNames) {
      if (!stores.contains(store)) {
        stores.add(store);
      }
    }
    graph.replace(
        node,
        new ProcessorNode(
            node.name(),
            node.parents(),
            node.operation(),
            node.supplier(),
            node.keySerde(),
            node.valueSerde(),
            stores));
    return this;
  }

  /**
   * Adds a sink step fed by the named parents (low-level API).
   *
   * @param name the step name
   * @param topic the topic written
   * @param produced serdes and partitioner (its name is ignored)
   * @param parentNames the upstream steps, defined before this one
   * @return this builder
   */
  public StreamsBuilder addSink(
      String name, String topic, Produced<?, ?> produced, String... parentNames) {
    Checks.validName(name, "sink");
    Checks.validName(topic, "topic");
    Checks.notNull(produced, "produced");
    Checks.notNull(parentNames, "parentNames");
    graph.add(
        new SinkNode(
            name,
            List.of(parentNames),
            topic,
            null,
            produced.keySerde(),
            produced.valueSerde(),
            produced.partitioner(),
            SinkNode.PRODUCED));
    return this;
  }

  /**
   * Declares a key-value store for Processor API steps, which name it in {@code process(supplier,
   * "store")} and read it with {@code context.getStateStore("store")}. Each task of the
   * sub-topology that uses it gets its own instance.
   *
   * @param store the store options; the name is required, serdes default to the builder's
   * @return this builder
   */
  public StreamsBuilder addStateStore(Materialized<?, ?> store) {
    Checks.notNull(store, "store");
    Checks.argument(
        store.storeName() != null, "addStateStore needs a store name: pass Materialized.as(name)");
    graph.addStore(
        new StoreSpec(
            store.storeName(),
            StoreSpec.Kind.KEY_VALUE,
            store.keySerde(),
            store.valueSerde(),
            store.persistent(),
            store.loggingEnabled(),
            store.cachingEnabled(),
            null,
            "addStateStore(" + store.storeName() + ")"));
    return this;
  }

  /**
   * Validates the steps added so far and compiles them into a new immutable topology. The builder
   * stays usable; later additions do not change topologies already built.
   *
   * @return the topology
   * @throws TopologyException listing every problem found
   */
  public Topology build() {
    return TopologyCompiler.compile(
        graph.nodes(),
        graph.stores(),
        graph.globalStores(),
        graph.repartitionTopics(),
        graph.coPartitionGroups(),
        defaultKeySerde,
        defaultValueSerde);
  }

  private <K, V> KStream<K, V> source(SourceNode node) {
    graph.add(node);
    return new GraphStream<>(graph, node.name(), node.keySerde(), node.valueSerde());
  }

  private static TimestampExtractor extractor(Consumed<?, ?> consumed) {
    return consumed.timestampExtractor() != null
        ? consumed.timestampExtractor()
        : TimestampExtractor.recordTimestamp();
  }
}

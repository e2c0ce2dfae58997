package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.TimestampExtractor;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.graph.SinkNode;
import dev.sluice.streams.internal.graph.SourceNode;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * Inserts a repartition step: a sink to the internal topic {@code <base>-repartition} (prefixed
 * with the application id when the topology is bound) and a source reading it, which starts a new
 * sub-topology whose tasks see every record of a key.
 *
 * <p>Names derive from {@code base} (a {@code Grouped} name, or the step the grouping starts from),
 * never from a counter, so they survive edits elsewhere in the topology. The step is created on
 * first use and shared: every stateful step that follows the same key change with the same serde
 * types reads the same topic.
 */
final class Repartitioner {

  /** The serde fix of a repartition topic written for a grouping. */
  static final String GROUPED = "Grouped.with(keySerde, valueSerde) to the grouping";

  /** The serde fix of a repartition topic written for a join. */
  static final String JOINED = "Joined.with(keySerde, valueSerde, otherValueSerde) to the join";

  /** The serde fix of a topic written by {@code repartition()}. */
  static final String REPARTITIONED = "Repartitioned.with(keySerde, valueSerde) to repartition()";

  private Repartitioner() {}

  /**
   * The repartitioned stream.
   *
   * @param upstream the stream whose keys changed
   * @param base the name the topic and steps derive from
   * @param keySerde writes and reads the keys, or null for the builder default
   * @param valueSerde writes and reads the values, or null for the builder default
   * @param serdeFix the option that gives the topic its serdes, for the build error if one is
   *     missing ({@link #GROUPED}, {@link #JOINED}, ...)
   * @param <K> key type
   * @param <V> value type
   * @return a stream reading the repartition topic, with unchanged keys from there on
   */
  static <K, V> GraphStream<K, V> repartition(
      GraphStream<?, ?> upstream,
      String base,
      Serde<?> keySerde,
      Serde<?> valueSerde,
      String serdeFix) {
    return repartition(
        upstream, base, keySerde, valueSerde, GraphBuilder.DERIVED_PARTITIONS, serdeFix);
  }

  /**
   * The repartitioned stream, through a topic with a partition count.
   *
   * @param upstream the stream to repartition
   * @param base the name the topic and steps derive from
   * @param keySerde writes and reads the keys, or null for the builder default
   * @param valueSerde writes and reads the values, or null for the builder default
   * @param partitions the topic's partition count, or {@link GraphBuilder#DERIVED_PARTITIONS}
   * @param serdeFix the option that gives the topic its serdes, for the build error
   * @param <K> key type
   * @param <V> value type
   * @return a stream reading the repartition topic, with unchanged keys from there on
   */
  static <K, V> GraphStream<K, V> repartition(
      GraphStream<?, ?> upstream,
      String base,
      Serde<?> keySerde,
      Serde<?> valueSerde,
      int partitions,
      String serdeFix) {
    GraphBuilder graph = upstream.graph();
    String key =
        String.join(
            ":",
            "repartition",
            upstream.nodeName(),
            base,
            type(keySerde),
            type(valueSerde),
            String.valueOf(partitions));
    return graph.shared(
        key,
        () -> {
          String source =
              internalTopic(
                  graph,
                  base,
                  List.of(upstream.nodeName()),
                  new TopicSerdes(keySerde, valueSerde, serdeFix),
                  partitions);
          return new GraphStream<K, V>(graph, source, keySerde, valueSerde, false);
        });
  }

  /**
   * The serdes of an internal topic and the option that gives them, named by the build error if one
   * is missing.
   *
   * @param key writes and reads the keys, or null for the builder default
   * @param value writes and reads the values, or null for the builder default
   * @param fix the option, for example {@link #GROUPED}
   */
  record TopicSerdes(Serde<?> key, Serde<?> value, String fix) {}

  /**
   * Adds the internal topic {@code <base>-repartition} with a sink {@code <base>-repartition-sink}
   * writing it and a source {@code <base>-repartition-source} reading it. Partitions follow the
   * key's hash, so every record of a key reaches the same task.
   *
   * @param graph the builder's graph
   * @param base the name the topic and steps derive from
   * @param writers the steps whose records the sink writes
   * @param serdes the topic's serdes
   * @return the source step's name
   */
  static String internalTopic(
      GraphBuilder graph, String base, List<String> writers, TopicSerdes serdes) {
    return internalTopic(graph, base, writers, serdes, GraphBuilder.DERIVED_PARTITIONS);
  }

  /**
   * Like {@link #internalTopic(GraphBuilder, String, List, TopicSerdes)}, with a partition count.
   *
   * @param graph the builder's graph
   * @param base the name the topic and steps derive from
   * @param writers the steps whose records the sink writes
   * @param serdes the topic's serdes
   * @param partitions the topic's partition count, or {@link GraphBuilder#DERIVED_PARTITIONS}
   * @return the source step's name
   */
  static String internalTopic(
      GraphBuilder graph, String base, List<String> writers, TopicSerdes serdes, int partitions) {
    String topic = base + "-repartition";
    graph.add(
        new SinkNode(
            base + "-repartition-sink",
            writers,
            topic,
            null,
            serdes.key(),
            serdes.value(),
            null,
            serdes.fix()));
    graph.addRepartitionTopic(topic, partitions);
    String source = base + "-repartition-source";
    graph.add(
        new SourceNode(
            source,
            List.of(topic),
            null,
            serdes.key(),
            serdes.value(),
            TimestampExtractor.recordTimestamp()));
    return source;
  }

  private static String type(Serde<?> serde) {
    return serde == null ? "default" : serde.getClass().getName();
  }
}

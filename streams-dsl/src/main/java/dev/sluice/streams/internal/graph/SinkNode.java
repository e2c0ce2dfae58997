package dev.sluice.streams.internal.graph;

import dev.sluice.streams.StreamPartitioner;
import dev.sluice.streams.TopicNameExtractor;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * Writes records to a topic, fixed or chosen per record.
 *
 * @param name the step name
 * @param parents the upstream steps
 * @param topic the fixed topic, or null when an extractor chooses
 * @param topicExtractor chooses the topic per record, or null for a fixed topic
 * @param keySerde the key serde, or null if none is known (a build-time problem)
 * @param valueSerde the value serde, or null if none is known (a build-time problem)
 * @param partitioner chooses the partition, or null for the key-hash default
 * @param serdeFix the option that gives this sink its serdes, named by the build error when one is
 *     missing: {@link #PRODUCED} for a user's sink; for an internal topic, the option of the DSL
 *     step that made it (a repartition written for a grouping takes {@code Grouped})
 */
public record SinkNode(
    String name,
    List<String> parents,
    String topic,
    TopicNameExtractor<?, ?> topicExtractor,
    Serde<?> keySerde,
    Serde<?> valueSerde,
    StreamPartitioner<?, ?> partitioner,
    String serdeFix)
    implements GraphNode {

  /** The serde fix of a sink the user added: serdes come from {@code Produced}. */
  public static final String PRODUCED = "Produced.with(keySerde, valueSerde)";

  /** Copies the parent list. */
  public SinkNode {
    parents = List.copyOf(parents);
  }

  /**
   * This sink with other serdes.
   *
   * @param key the key serde, or null
   * @param value the value serde, or null
   * @return a copy
   */
  public SinkNode withSerdes(Serde<?> key, Serde<?> value) {
    return new SinkNode(name, parents, topic, topicExtractor, key, value, partitioner, serdeFix);
  }

  /**
   * This sink writing another fixed topic.
   *
   * @param newTopic the topic
   * @return a copy
   */
  public SinkNode withTopic(String newTopic) {
    return new SinkNode(
        name, parents, newTopic, topicExtractor, keySerde, valueSerde, partitioner, serdeFix);
  }

  @Override
  public String kind() {
    return "Sink";
  }

  /**
   * The topic, for describe() and messages.
   *
   * @return the topic name, or a note that an extractor chooses it
   */
  public String topicText() {
    return topic != null ? topic : "<chosen per record>";
  }
}

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
 */
public record SinkNode(
    String name,
    List<String> parents,
    String topic,
    TopicNameExtractor<?, ?> topicExtractor,
    Serde<?> keySerde,
    Serde<?> valueSerde,
    StreamPartitioner<?, ?> partitioner)
    implements GraphNode {

  /** Copies the parent list. */
  public SinkNode {
    parents = List.copyOf(parents);
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

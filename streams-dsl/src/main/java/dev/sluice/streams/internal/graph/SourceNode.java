package dev.sluice.streams.internal.graph;

import dev.sluice.streams.TimestampExtractor;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;

/**
 * Reads records from topics (named, or matching a pattern).
 *
 * @param name the step name
 * @param topics the topics read, empty when a pattern is used
 * @param pattern the topic pattern, or null when topics are named
 * @param keySerde the key serde, or null if none is known (a build-time problem)
 * @param valueSerde the value serde, or null if none is known (a build-time problem)
 * @param timestampExtractor how event time is read
 */
public record SourceNode(
    String name,
    List<String> topics,
    Pattern pattern,
    Serde<?> keySerde,
    Serde<?> valueSerde,
    TimestampExtractor timestampExtractor)
    implements GraphNode {

  /** Copies the topic list. */
  public SourceNode {
    topics = List.copyOf(topics);
  }

  @Override
  public List<String> parents() {
    return List.of();
  }

  @Override
  public String kind() {
    return "Source";
  }

  /**
   * Whether this source reads the topic.
   *
   * @param topic a topic name
   * @return true if it is one of the named topics or matches the pattern
   */
  public boolean reads(String topic) {
    return pattern == null ? topics.contains(topic) : pattern.matcher(topic).matches();
  }

  /**
   * The topics or pattern, for describe() and messages.
   *
   * @return e.g. {@code [orders]} or {@code /orders-.*}/
   */
  public String topicsText() {
    return pattern == null ? topics.toString() : "/" + pattern.pattern() + "/";
  }
}

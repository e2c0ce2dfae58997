package dev.sluice.streams.internal.compile;

import dev.sluice.streams.internal.graph.GraphNode;
import dev.sluice.streams.internal.graph.SinkNode;
import dev.sluice.streams.internal.graph.SourceNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds every problem in a logical graph, so one failed build shows the user all there is to fix.
 * Each message names the step (kind and name), what is wrong, and the fix.
 */
final class TopologyValidator {
  private static final String SERDE_FIX =
      "or create the builder with StreamsBuilder.withDefaultSerdes";

  private TopologyValidator() {}

  /**
   * Checks the graph.
   *
   * @param nodes the nodes with default serdes already applied, in definition order
   * @param repartitionTopics the internal repartition topics: a missing serde is reported at their
   *     sink, with the option of the DSL step that made the topic
   * @return the problems, empty if the graph is valid
   */
  static List<String> problems(List<GraphNode> nodes, Set<String> repartitionTopics) {
    List<String> problems = new ArrayList<>();
    if (nodes.stream().noneMatch(SourceNode.class::isInstance)) {
      problems.add("the topology has no source: start a stream with builder.stream(topic)");
    }
    checkDuplicateNames(nodes, problems);
    checkParents(nodes, problems);
    checkSources(nodes, repartitionTopics, problems);
    checkSinks(nodes, problems);
    return problems;
  }

  private static void checkDuplicateNames(List<GraphNode> nodes, List<String> problems) {
    Map<String, List<String>> kindsByName = new LinkedHashMap<>();
    for (GraphNode node : nodes) {
      kindsByName.computeIfAbsent(node.name(), k -> new ArrayList<>()).add(node.kind());
    }
    kindsByName.forEach(
        (name, kinds) -> {
          if (kinds.size() > 1) {
            problems.add(
                String.format(
                    "step name '%s' is used by %d steps (%s): give each step its own name",
                    name, kinds.size(), String.join(", ", kinds)));
          }
        });
  }

  private static void checkParents(List<GraphNode> nodes, List<String> problems) {
    Map<String, GraphNode> defined = new HashMap<>();
    for (GraphNode node : nodes) {
      if (!(node instanceof SourceNode) && node.parents().isEmpty()) {
        problems.add(
            String.format(
                "%s '%s' has no upstream: name at least one parent step",
                node.kind(), node.name()));
      }
      for (String parent : node.parents()) {
        GraphNode parentNode = defined.get(parent);
        if (parentNode == null) {
          problems.add(
              String.format(
                  "%s '%s' names parent '%s', which is not defined before it: add '%s' first or"
                      + " fix the name",
                  node.kind(), node.name(), parent, parent));
        } else if (parentNode instanceof SinkNode) {
          problems.add(
              String.format(
                  "%s '%s' names parent '%s', which is a sink: a sink has no output; read its"
                      + " topic with a source instead",
                  node.kind(), node.name(), parent));
        }
      }
      defined.putIfAbsent(node.name(), node);
    }
  }

  private static void checkSources(
      List<GraphNode> nodes, Set<String> repartitionTopics, List<String> problems) {
    Map<String, String> readerByTopic = new HashMap<>();
    for (GraphNode node : nodes) {
      // a repartition source has its sink's serdes: problems are reported once, at the sink
      if (!(node instanceof SourceNode source)
          || repartitionTopics.containsAll(source.topics()) && !source.topics().isEmpty()) {
        continue;
      }
      if (source.pattern() == null && source.topics().isEmpty()) {
        problems.add(
            String.format("Source '%s' reads no topic: name at least one topic", source.name()));
      }
      Set<String> seen = new HashSet<>();
      for (String topic : source.topics()) {
        String other = readerByTopic.putIfAbsent(topic, source.name());
        if (other != null && seen.add(topic)) {
          problems.add(
              String.format(
                  "topic '%s' is read by two sources, '%s' and '%s': read it once and reuse the"
                      + " stream",
                  topic, other, source.name()));
        }
      }
      missingSerde(
          source,
          "key",
          source.keySerde() == null,
          "Consumed.with(keySerde, valueSerde)",
          problems);
      missingSerde(
          source,
          "value",
          source.valueSerde() == null,
          "Consumed.with(keySerde, valueSerde)",
          problems);
    }
  }

  private static void checkSinks(List<GraphNode> nodes, List<String> problems) {
    for (GraphNode node : nodes) {
      if (node instanceof SinkNode sink) {
        missingSerde(sink, "key", sink.keySerde() == null, sink.serdeFix(), problems);
        missingSerde(sink, "value", sink.valueSerde() == null, sink.serdeFix(), problems);
      }
    }
  }

  private static void missingSerde(
      GraphNode node, String part, boolean missing, String option, List<String> problems) {
    if (!missing) {
      return;
    }
    String where =
        node instanceof SinkNode sink
            ? String.format(
                "(topic %s) has no %s serde: no upstream serde is known after %s; pass %s",
                sink.topicText(), part, sink.parents(), option)
            : String.format(
                "(topics %s) has no %s serde: pass %s",
                ((SourceNode) node).topicsText(), part, option);
    problems.add(String.format("%s '%s' %s %s", node.kind(), node.name(), where, SERDE_FIX));
  }
}

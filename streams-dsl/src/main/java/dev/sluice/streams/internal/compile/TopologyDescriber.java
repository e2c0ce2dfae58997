package dev.sluice.streams.internal.compile;

import dev.sluice.streams.TopologyDescription;
import dev.sluice.streams.internal.graph.GlobalStore;
import dev.sluice.streams.internal.graph.GraphNode;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.SinkNode;
import dev.sluice.streams.internal.graph.SourceNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a topology as an indented outline and as a Mermaid flowchart. Output depends only on the
 * topology's names and order, so it is stable for golden tests.
 */
final class TopologyDescriber {

  private TopologyDescriber() {}

  static TopologyDescription describe(CompiledTopology topology) {
    return new TopologyDescription(text(topology), mermaid(topology));
  }

  private static String text(CompiledTopology topology) {
    StringBuilder out = new StringBuilder("Topologies:\n");
    for (SubTopology sub : topology.subTopologies()) {
      out.append("  Sub-topology: ").append(sub.id()).append('\n');
      for (GraphNode node : sub.nodes()) {
        out.append("    ").append(node.kind()).append(": ").append(node.name());
        out.append(" (").append(detail(node)).append(")\n");
        List<String> children = sub.children().get(node.name());
        if (!children.isEmpty()) {
          out.append("      --> ").append(String.join(", ", children)).append('\n');
        }
        if (!node.parents().isEmpty()) {
          out.append("      <-- ").append(String.join(", ", node.parents())).append('\n');
        }
      }
    }
    if (!topology.globalStores().isEmpty()) {
      out.append("  Global stores (one per instance, read by every task):\n");
      for (GlobalStore global : topology.globalStores()) {
        out.append("    Global store: ").append(global.name());
        out.append(" (fed by source ").append(global.source().name());
        out.append(" from every partition of topic ").append(global.topic()).append(")\n");
      }
    }
    if (!topology.internalTopics().isEmpty()) {
      out.append("  Internal topics:\n");
      for (InternalTopic topic : topology.internalTopics()) {
        out.append("    ").append(topic.name()).append(" (").append(internalDetail(topic));
        out.append(")\n");
      }
    }
    if (!topology.coPartitionGroups().isEmpty()) {
      out.append("  Co-partitioned topics:\n");
      for (CoPartitionedTopics group : topology.coPartitionGroups()) {
        out.append("    ").append(group.topics()).append(" (").append(group.operation());
        out.append(" step ").append(group.step()).append(")\n");
      }
    }
    return out.toString();
  }

  private static String internalDetail(InternalTopic topic) {
    return topic.kind() == InternalTopic.Kind.CHANGELOG
        ? String.format("changelog of store %s, sub-topology %d", topic.storeName(), topic.readBy())
        : String.format(
            "repartition, written by sub-topology %d, read by sub-topology %d",
            topic.writtenBy(), topic.readBy());
  }

  private static String detail(GraphNode node) {
    if (node instanceof SourceNode source) {
      return "topics: " + source.topicsText();
    }
    if (node instanceof SinkNode sink) {
      return "topic: " + sink.topicText();
    }
    ProcessorNode processor = (ProcessorNode) node;
    return "operation: "
        + processor.operation()
        + (processor.stores().isEmpty() ? "" : ", stores: " + processor.stores());
  }

  private static String mermaid(CompiledTopology topology) {
    StringBuilder out = new StringBuilder("flowchart TD\n");
    Map<String, String> nodeIds = new HashMap<>();
    Map<String, String> topicIds = new LinkedHashMap<>();
    StringBuilder edges = new StringBuilder();
    for (SubTopology sub : topology.subTopologies()) {
      out.append("  subgraph sub")
          .append(sub.id())
          .append("[\"Sub-topology ")
          .append(sub.id())
          .append("\"]\n");
      for (GraphNode node : sub.nodes()) {
        String id = "n" + nodeIds.size();
        nodeIds.put(node.name(), id);
        out.append("    ").append(id).append("[\"").append(node.kind()).append(": ");
        out.append(escape(node.name())).append("\"]\n");
        for (String parent : node.parents()) {
          edges.append("  ").append(nodeIds.get(parent)).append(" --> ").append(id).append('\n');
        }
        if (node instanceof SourceNode source) {
          List<String> topics =
              source.pattern() == null ? source.topics() : List.of(source.topicsText());
          for (String topic : topics) {
            edges
                .append("  ")
                .append(topicId(topicIds, topic))
                .append(" --> ")
                .append(id)
                .append('\n');
          }
        } else if (node instanceof SinkNode sink) {
          String topic = topicId(topicIds, sink.topicText());
          edges.append("  ").append(id).append(" --> ").append(topic).append('\n');
        }
      }
      out.append("  end\n");
    }
    globalStores(topology, nodeIds, topicIds, out, edges);
    topicIds.forEach(
        (topic, id) ->
            out.append("  ").append(id).append("[(\"").append(escape(topic)).append("\")]\n"));
    return out.append(edges).toString();
  }

  /** A subgraph of global stores: topic --> store, and a dotted edge to each step reading it. */
  private static void globalStores(
      CompiledTopology topology,
      Map<String, String> nodeIds,
      Map<String, String> topicIds,
      StringBuilder out,
      StringBuilder edges) {
    if (topology.globalStores().isEmpty()) {
      return;
    }
    out.append("  subgraph global[\"Global stores\"]\n");
    List<GlobalStore> globals = topology.globalStores();
    for (int i = 0; i < globals.size(); i++) {
      GlobalStore global = globals.get(i);
      String id = "g" + i;
      out.append("    ").append(id).append("[(\"Global store: ");
      out.append(escape(global.name())).append("\")]\n");
      String topic = topicId(topicIds, global.topic());
      edges.append("  ").append(topic).append(" --> ").append(id).append('\n');
      for (SubTopology sub : topology.subTopologies()) {
        for (GraphNode node : sub.nodes()) {
          if (node instanceof ProcessorNode step && step.stores().contains(global.name())) {
            edges.append("  ").append(id).append(" -.-> ").append(nodeIds.get(node.name()));
            edges.append('\n');
          }
        }
      }
    }
    out.append("  end\n");
  }

  private static String topicId(Map<String, String> topicIds, String topic) {
    return topicIds.computeIfAbsent(topic, t -> "t" + topicIds.size());
  }

  private static String escape(String text) {
    return text.replace("\"", "#quot;");
  }
}

package dev.sluice.streams.internal.compile;

import dev.sluice.streams.internal.graph.GlobalStore;
import dev.sluice.streams.internal.graph.GraphNode;
import dev.sluice.streams.internal.graph.SourceNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the problems of a topology's global tables: missing serdes, a store or source name used
 * twice, a topic read by two global tables or also read by a task. A global table's topic is read
 * from all its partitions by every instance, outside the consumer group, so it cannot also be a
 * task's input.
 */
final class GlobalStoreValidator {
  private static final String SERDE_FIX =
      "pass Consumed.with(keySerde, valueSerde) to globalTable, or create the builder with"
          + " StreamsBuilder.withDefaultSerdes";

  private GlobalStoreValidator() {}

  /**
   * Checks the global stores.
   *
   * @param nodes the nodes with default serdes applied
   * @param stores the task stores
   * @param globalStores the global stores with default serdes applied
   * @return the problems, empty if there are none
   */
  static List<String> problems(
      List<GraphNode> nodes, List<StoreSpec> stores, List<GlobalStore> globalStores) {
    List<String> problems = new ArrayList<>();
    Set<String> storeNames = new HashSet<>();
    stores.forEach(store -> storeNames.add(store.name()));
    Set<String> stepNames = new HashSet<>();
    nodes.forEach(node -> stepNames.add(node.name()));
    Set<String> topics = new HashSet<>();
    for (GlobalStore global : globalStores) {
      SourceNode source = global.source();
      String topic = global.topic();
      if (source.keySerde() == null || source.valueSerde() == null) {
        problems.add(
            String.format(
                "global table of topic '%s' has no %s serde: %s",
                topic, source.keySerde() == null ? "key" : "value", SERDE_FIX));
      }
      if (!storeNames.add(global.name())) {
        problems.add(
            String.format(
                "store name '%s' of the global table of topic '%s' is already used: give it its own"
                    + " name with Materialized.as(name)",
                global.name(), topic));
      }
      if (!stepNames.add(source.name())) {
        problems.add(
            String.format(
                "step name '%s' of the global table of topic '%s' is already used: name the"
                    + " source with Consumed.as(name)",
                source.name(), topic));
      }
      if (!topics.add(topic)) {
        problems.add(
            String.format(
                "topic '%s' backs two global tables: create one and join it from every stream",
                topic));
      }
      for (GraphNode node : nodes) {
        if (node instanceof SourceNode reader && reader.reads(topic)) {
          problems.add(
              String.format(
                  "topic '%s' is read both as a global table and by source '%s': a global table's"
                      + " topic cannot also be a task's input; read it once",
                  topic, reader.name()));
        }
      }
    }
    return problems;
  }
}

package dev.sluice.streams.internal.compile;

import dev.sluice.streams.internal.graph.GraphNode;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the problems of a topology's state: stores declared twice, steps naming stores nobody
 * declared, stores without serdes. Like {@link TopologyValidator}, it collects every problem and
 * names the step and the fix.
 */
final class StoreValidator {
  private static final String SERDE_FIX =
      "pass Materialized.with(keySerde, valueSerde) (or Grouped.with for the key), or create the"
          + " builder with StreamsBuilder.withDefaultSerdes";

  private static final String JOIN_SERDE_FIX =
      "it is kept for a join: pass Joined.with(keySerde, valueSerde, otherValueSerde) to the"
          + " join (Materialized.with(keySerde, valueSerde) for the result of a foreign-key"
          + " join), give its input a serde upstream, or create the builder with"
          + " StreamsBuilder.withDefaultSerdes";

  private static final Set<String> JOIN_STEPS =
      Set.of("materialize", "join", "leftJoin", "outerJoin");

  private StoreValidator() {}

  /**
   * Whether a join added the store: to materialize a table that had none, or to keep the records of
   * a stream-stream join.
   */
  private static boolean materializedForJoin(List<GraphNode> nodes, StoreSpec store) {
    return nodes.stream()
        .anyMatch(
            node ->
                node instanceof ProcessorNode step
                    && step.name().equals(store.definedBy())
                    && JOIN_STEPS.contains(step.operation()));
  }

  /**
   * Checks the stores.
   *
   * @param nodes the nodes with default serdes applied
   * @param stores the stores with default serdes applied
   * @param globalStores the names of the global stores, which steps may use too
   * @return the problems, empty if there are none
   */
  static List<String> problems(
      List<GraphNode> nodes, List<StoreSpec> stores, Set<String> globalStores) {
    List<String> problems = new ArrayList<>();
    Map<String, List<StoreSpec>> byName = new LinkedHashMap<>();
    for (StoreSpec store : stores) {
      byName.computeIfAbsent(store.name(), k -> new ArrayList<>()).add(store);
      if (store.keySerde() == null || store.valueSerde() == null) {
        problems.add(
            String.format(
                "step '%s' has no %s serde for its store '%s': %s",
                store.definedBy(),
                store.keySerde() == null ? "key" : "value",
                store.name(),
                materializedForJoin(nodes, store) ? JOIN_SERDE_FIX : SERDE_FIX));
      }
    }
    byName.forEach(
        (name, specs) -> {
          if (specs.size() > 1) {
            problems.add(
                String.format(
                    "store name '%s' is used by %d steps (%s): give each store its own name with"
                        + " Materialized.as(name)",
                    name,
                    specs.size(),
                    String.join(", ", specs.stream().map(StoreSpec::definedBy).toList())));
          }
        });
    Set<String> used = new HashSet<>();
    for (GraphNode node : nodes) {
      if (node instanceof ProcessorNode processor) {
        used.addAll(processor.stores());
        for (String store : processor.stores()) {
          if (!byName.containsKey(store) && !globalStores.contains(store)) {
            problems.add(
                String.format(
                    "Processor '%s' uses store '%s', which is not defined: add it with"
                        + " StreamsBuilder.addStateStore(Materialized.as(\"%s\")...) or fix the"
                        + " name; defined stores are %s",
                    processor.name(), store, store, byName.keySet()));
          }
        }
      }
    }
    for (String store : byName.keySet()) {
      if (!used.contains(store)) {
        problems.add(
            String.format(
                "store '%s' is declared but no step uses it: pass its name to process(supplier,"
                    + " \"%s\") or connectProcessorAndStateStores, or remove it",
                store, store));
      }
    }
    return problems;
  }
}

package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.Branched;
import dev.sluice.streams.KStream;
import dev.sluice.streams.Predicate;
import dev.sluice.streams.SplitStream;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.ops.RecordFunctionProcessor;
import dev.sluice.streams.internal.ops.SplitProcessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a split: one routing step plus one pass-through step per branch, named {@code
 * <prefix><branch>} for a named split and {@code <split>-<branch>} otherwise. Each added branch
 * replaces the routing step's node by a copy that knows every branch so far, so the graph only ever
 * holds immutable nodes.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class GraphSplitStream<K, V> implements SplitStream<K, V> {
  private final GraphBuilder graph;
  private final GraphStream<K, V> parent;
  private final String splitName;
  private final String prefix;
  private final List<SplitProcessor.Branch<K, V>> branches = new ArrayList<>();
  private final Map<String, KStream<K, V>> outputs = new LinkedHashMap<>();
  private ProcessorNode splitNode;
  private boolean ended;

  GraphSplitStream(GraphBuilder graph, GraphStream<K, V> parent, String splitName, String prefix) {
    this.graph = graph;
    this.parent = parent;
    this.splitName = splitName;
    this.prefix = prefix;
    this.splitNode = graph.add(splitNode(null));
  }

  @Override
  public SplitStream<K, V> branch(Predicate<? super K, ? super V> predicate) {
    return branch(predicate, new Branched<>(null, null));
  }

  @Override
  public SplitStream<K, V> branch(
      Predicate<? super K, ? super V> predicate, Branched<K, V> branched) {
    Checks.notNull(predicate, "predicate");
    Checks.notNull(branched, "branched");
    checkOpen();
    String branchName =
        branched.name() != null ? branched.name() : String.valueOf(branches.size() + 1);
    String childName = childPrefix() + branchName;
    branches.add(new SplitProcessor.Branch<>(predicate, childName));
    replaceSplitNode(null);
    addBranch(childName, branchName, branched);
    return this;
  }

  @Override
  public Map<String, KStream<K, V>> defaultBranch() {
    return defaultBranch(new Branched<>(null, null));
  }

  @Override
  public Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched) {
    Checks.notNull(branched, "branched");
    checkOpen();
    String branchName = branched.name() != null ? branched.name() : "0";
    String childName = childPrefix() + branchName;
    replaceSplitNode(childName);
    addBranch(childName, branchName, branched);
    return end();
  }

  @Override
  public Map<String, KStream<K, V>> noDefaultBranch() {
    checkOpen();
    return end();
  }

  private Map<String, KStream<K, V>> end() {
    ended = true;
    return Map.copyOf(outputs);
  }

  // A named split prefixes its branches with the user's name; an unnamed one with its own.
  private String childPrefix() {
    return prefix.isEmpty() ? splitName + "-" : prefix;
  }

  private void checkOpen() {
    Checks.argument(
        !ended, "split '%s' is already ended: add branches before defaultBranch()", splitName);
  }

  private void addBranch(String childName, String branchName, Branched<K, V> branched) {
    graph.add(
        new ProcessorNode(
            childName,
            List.of(splitName),
            "branch",
            RecordFunctionProcessor.<K, V, K, V>of(r -> r),
            parent.keySerde(),
            parent.valueSerde()));
    GraphStream<K, V> stream =
        new GraphStream<>(
            graph, childName, parent.keySerde(), parent.valueSerde(), parent.keyChanged());
    if (branched.chain() != null) {
      branched.chain().accept(stream);
    } else {
      outputs.put(prefix + branchName, stream);
    }
  }

  private void replaceSplitNode(String defaultChild) {
    ProcessorNode updated = splitNode(defaultChild);
    graph.replace(splitNode, updated);
    splitNode = updated;
  }

  private ProcessorNode splitNode(String defaultChild) {
    return new ProcessorNode(
        splitName,
        List.of(parent.nodeName()),
        "split",
        SplitProcessor.of(branches, defaultChild),
        parent.keySerde(),
        parent.valueSerde());
  }
}

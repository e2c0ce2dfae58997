package dev.sluice.streams.internal.graph;

import dev.sluice.streams.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The mutable side of a builder: it collects {@link GraphNode}s in the order they are added and
 * hands out stable names.
 *
 * <p>Names are never taken from a global counter. A derived name is the parent's name plus the verb
 * ({@code from-orders.filter.mapValues}); only when the same verb is applied twice to the same
 * parent does a suffix ({@code -2}) tell the siblings apart. So adding a step to one branch renames
 * nothing outside that branch's own downstream. Name clashes are not rejected here: the validator
 * reports them together with every other problem.
 *
 * <p>Not thread-safe; a builder is used from one thread.
 */
public final class GraphBuilder {
  /** The partition count of a repartition topic the runtime sizes from the topology. */
  public static final int DERIVED_PARTITIONS = -1;

  private final List<GraphNode> nodes = new ArrayList<>();
  private final Map<String, Integer> derivedNameUses = new HashMap<>();
  private final List<StoreSpec> stores = new ArrayList<>();
  private final List<GlobalStore> globalStores = new ArrayList<>();
  private final Map<String, Integer> repartitionTopics = new LinkedHashMap<>();
  private final List<CoPartitionGroup> coPartitionGroups = new ArrayList<>();
  private final Map<String, Object> shared = new HashMap<>();

  /**
   * Appends a node.
   *
   * @param node the node
   * @param <N> the node type
   * @return the node
   */
  public <N extends GraphNode> N add(N node) {
    nodes.add(node);
    return node;
  }

  /**
   * Replaces a node added earlier by an updated copy, keeping its position (used while a split
   * gains branches).
   *
   * @param previous the node added earlier
   * @param updated its replacement
   */
  public void replace(GraphNode previous, GraphNode updated) {
    int index = nodes.indexOf(previous);
    Checks.invariant(index >= 0, "node '%s' was never added", previous.name());
    nodes.set(index, updated);
  }

  /**
   * Returns the user's name if given, else a name derived from the parent and the verb.
   *
   * @param userName the name from a {@code Named}-style option, or null
   * @param parent the parent step's name
   * @param verb the DSL verb
   * @return the step name
   */
  public String name(String userName, String parent, String verb) {
    return userName != null ? userName : derive(parent + "." + verb);
  }

  /**
   * Returns a derived name that has not been handed out before, by suffixing {@code -2}, {@code
   * -3}, ... to repeats of the same base.
   *
   * @param base the base name
   * @return a unique derived name
   */
  public String derive(String base) {
    int uses = derivedNameUses.merge(base, 1, Integer::sum);
    return uses == 1 ? base : base + "-" + uses;
  }

  /**
   * The nodes added so far, in order.
   *
   * @return an immutable copy
   */
  public List<GraphNode> nodes() {
    return List.copyOf(nodes);
  }

  /**
   * Declares a state store. Duplicates are kept: the validator reports them.
   *
   * @param spec the store
   * @return the spec
   */
  public StoreSpec addStore(StoreSpec spec) {
    stores.add(spec);
    return spec;
  }

  /**
   * The stores declared so far, in order.
   *
   * @return an immutable copy
   */
  public List<StoreSpec> stores() {
    return List.copyOf(stores);
  }

  /**
   * Declares a global table's store and source. Duplicates are kept: the validator reports them.
   *
   * @param store the global store
   * @return the store
   */
  public GlobalStore addGlobalStore(GlobalStore store) {
    globalStores.add(store);
    return store;
  }

  /**
   * The global stores declared so far, in order.
   *
   * @return an immutable copy
   */
  public List<GlobalStore> globalStores() {
    return List.copyOf(globalStores);
  }

  /**
   * Marks a topic as an internal repartition topic (named without the application-id prefix).
   *
   * @param topic the topic, {@code <name>-repartition}
   * @param partitions the partition count the user asked for, or {@link #DERIVED_PARTITIONS}
   */
  public void addRepartitionTopic(String topic, int partitions) {
    repartitionTopics.put(topic, partitions);
  }

  /**
   * The repartition topics declared so far, with their partition counts.
   *
   * @return an immutable copy, in order: topic to count or {@link #DERIVED_PARTITIONS}
   */
  public Map<String, Integer> repartitionTopics() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(repartitionTopics));
  }

  /**
   * Records that the inputs of a step must be co-partitioned (a join's sides).
   *
   * @param group the step and the steps it reads
   */
  public void addCoPartitionGroup(CoPartitionGroup group) {
    coPartitionGroups.add(group);
  }

  /**
   * The co-partition groups recorded so far.
   *
   * @return an immutable copy, in order
   */
  public List<CoPartitionGroup> coPartitionGroups() {
    return List.copyOf(coPartitionGroups);
  }

  /**
   * Returns the value stored under a key, creating it on first use. DSL handles are values that
   * come and go; this is how two handles on the same step share what was built lazily for it, such
   * as a repartition step.
   *
   * @param key what was built, for which step
   * @param create builds it the first time
   * @param <T> its type
   * @return the shared value
   */
  @SuppressWarnings("unchecked")
  public <T> T shared(String key, Supplier<T> create) {
    Object value = shared.get(key);
    if (value == null) {
      value = create.get();
      shared.put(key, value);
    }
    return (T) value;
  }
}

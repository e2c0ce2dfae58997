package dev.sluice.streams.internal.graph;

import java.util.List;

/**
 * One step of the logical graph a builder records. Nodes are immutable values and refer to their
 * parents by name, so the graph can be validated (unknown or missing parents) before it is linked.
 */
public sealed interface GraphNode permits SourceNode, ProcessorNode, SinkNode {

  /**
   * The stable step name.
   *
   * @return the name
   */
  String name();

  /**
   * The names of the steps that feed this one, in order.
   *
   * @return parent names; empty for sources
   */
  List<String> parents();

  /**
   * A short word for describe() and messages: "Source", "Processor" or "Sink".
   *
   * @return the kind
   */
  String kind();
}

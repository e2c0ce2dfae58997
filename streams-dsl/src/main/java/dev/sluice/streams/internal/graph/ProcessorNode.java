package dev.sluice.streams.internal.graph;

import dev.sluice.streams.processor.ProcessorSupplier;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * A step that runs a {@link ProcessorSupplier}'s processors. Every DSL operator compiles to one of
 * these; there is no second node model for the DSL.
 *
 * @param name the step name
 * @param parents the upstream steps
 * @param operation the DSL verb ("filter", "mapValues", "process", ...), for describe()
 * @param supplier creates one processor per task
 * @param keySerde the serde of the keys this step emits, or null if unknown
 * @param valueSerde the serde of the values this step emits, or null if unknown
 */
public record ProcessorNode(
    String name,
    List<String> parents,
    String operation,
    ProcessorSupplier<?, ?, ?, ?> supplier,
    Serde<?> keySerde,
    Serde<?> valueSerde)
    implements GraphNode {

  /** Copies the parent list. */
  public ProcessorNode {
    parents = List.copyOf(parents);
  }

  @Override
  public String kind() {
    return "Processor";
  }
}

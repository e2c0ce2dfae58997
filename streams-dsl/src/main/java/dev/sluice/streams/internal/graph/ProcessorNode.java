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
 * @param stores the names of the state stores the step's processors may use
 */
public record ProcessorNode(
    String name,
    List<String> parents,
    String operation,
    ProcessorSupplier<?, ?, ?, ?> supplier,
    Serde<?> keySerde,
    Serde<?> valueSerde,
    List<String> stores)
    implements GraphNode {

  /** Copies the lists. */
  public ProcessorNode {
    parents = List.copyOf(parents);
    stores = List.copyOf(stores);
  }

  /**
   * A step that uses no state store.
   *
   * @param name the step name
   * @param parents the upstream steps
   * @param operation the DSL verb
   * @param supplier creates one processor per task
   * @param keySerde the serde of the emitted keys, or null
   * @param valueSerde the serde of the emitted values, or null
   */
  public ProcessorNode(
      String name,
      List<String> parents,
      String operation,
      ProcessorSupplier<?, ?, ?, ?> supplier,
      Serde<?> keySerde,
      Serde<?> valueSerde) {
    this(name, parents, operation, supplier, keySerde, valueSerde, List.of());
  }

  @Override
  public String kind() {
    return "Processor";
  }
}

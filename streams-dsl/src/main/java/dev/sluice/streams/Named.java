package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;

/**
 * An explicit name for a DSL step. Named steps keep their name however the topology around them is
 * edited; unnamed steps get a name derived from their position in the chain.
 *
 * @param name the step name
 */
public record Named(String name) {

  /** Checks the name is usable. */
  public Named {
    Checks.validName(name, "Named");
  }

  /**
   * Names a step.
   *
   * @param name letters, digits, '.', '_', '-' only
   * @return the name
   */
  public static Named as(String name) {
    return new Named(name);
  }
}

package dev.sluice.streams;

/**
 * Text and Mermaid renderings of a {@link Topology}. Both are deterministic, so they can be
 * compared against golden files.
 *
 * @param text an indented outline of sub-topologies and steps
 * @param mermaid a Mermaid flowchart of the same graph
 */
public record TopologyDescription(String text, String mermaid) {

  @Override
  public String toString() {
    return text;
  }
}

package dev.sluice.streams;

import java.util.List;

/**
 * The topology cannot be built. It lists every problem found, each naming the step and the fix, so
 * one build shows everything to correct.
 */
public final class TopologyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The problems, one line each. */
  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems every problem found, at least one
   */
  public TopologyException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Every problem found, in the order the steps were added.
   *
   * @return the problems
   */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    StringBuilder message =
        new StringBuilder("Invalid topology (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem):" : " problems):");
    for (String problem : problems) {
      message.append("\n  - ").append(problem);
    }
    return message.toString();
  }
}

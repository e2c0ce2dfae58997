package dev.sluice.streams.internal.ops;

import dev.sluice.streams.ValueJoiner;

/**
 * Which pairs of values a join emits a result for. Every join (stream-table, table-table) asks its
 * kind through {@link #join}, so the null rules live in one place: an inner join needs both sides,
 * a left join the left side, an outer join either side.
 */
public enum JoinKind {
  /** Both sides present. */
  INNER("join"),
  /** The left side present; the right may be null. */
  LEFT("leftJoin"),
  /** Either side present. */
  OUTER("outerJoin");

  private final String verb;

  JoinKind(String verb) {
    this.verb = verb;
  }

  /**
   * The DSL verb, for step names and describe().
   *
   * @return e.g. {@code leftJoin}
   */
  public String verb() {
    return verb;
  }

  /**
   * Whether this kind emits a result for the pair.
   *
   * @param left the left value, or null
   * @param right the right value, or null
   * @return true if the joiner is called
   */
  public boolean matches(Object left, Object right) {
    return switch (this) {
      case INNER -> left != null && right != null;
      case LEFT -> left != null;
      case OUTER -> left != null || right != null;
    };
  }

  /**
   * The joined value, or null when this kind emits nothing for the pair.
   *
   * @param joiner the user's joiner
   * @param left the left value, or null
   * @param right the right value, or null
   * @param <L> left type
   * @param <R> right type
   * @param <O> result type
   * @return the joiner's result, or null
   */
  public <L, R, O> O join(ValueJoiner<? super L, ? super R, ? extends O> joiner, L left, R right) {
    return matches(left, right) ? joiner.apply(left, right) : null;
  }
}

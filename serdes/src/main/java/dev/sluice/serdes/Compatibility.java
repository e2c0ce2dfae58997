package dev.sluice.serdes;

/**
 * Which schema changes a {@link SchemaStore} accepts under one subject.
 *
 * <p>"Backward" means consumers that upgrade to the new schema can still read data written with the
 * previous one (the new schema reads the old); "forward" means consumers still on the previous
 * schema can read data written with the new one (the old schema reads the new); "full" is both. The
 * non-transitive modes compare with the latest version only, the transitive ones with every
 * version, which matters when old data is replayed from a compacted or long-retention topic.
 */
public enum Compatibility {
  /** Any change is accepted. */
  NONE(false, false, false),
  /** The new schema reads data written with the latest version. */
  BACKWARD(true, false, false),
  /** The new schema reads data written with every earlier version. */
  BACKWARD_TRANSITIVE(true, false, true),
  /** The latest version reads data written with the new schema. */
  FORWARD(false, true, false),
  /** Every earlier version reads data written with the new schema. */
  FORWARD_TRANSITIVE(false, true, true),
  /** Both {@link #BACKWARD} and {@link #FORWARD} against the latest version. */
  FULL(true, true, false),
  /** Both directions against every earlier version. */
  FULL_TRANSITIVE(true, true, true);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  Compatibility(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /**
   * Whether the new schema must read data written with earlier versions.
   *
   * @return true for the backward and full modes
   */
  public boolean checksBackward() {
    return backward;
  }

  /**
   * Whether earlier versions must read data written with the new schema.
   *
   * @return true for the forward and full modes
   */
  public boolean checksForward() {
    return forward;
  }

  /**
   * Whether the check covers every earlier version rather than only the latest.
   *
   * @return true for the {@code *_TRANSITIVE} modes
   */
  public boolean transitive() {
    return transitive;
  }
}

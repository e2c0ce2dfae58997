package dev.sluice.state;

/**
 * Lifecycle of a state store: {@code OPEN → RESTORING → RUNNING → CLOSED}.
 *
 * <p>A store is {@link #OPEN} right after it is built: its directory has been verified (or wiped
 * and recreated) and {@link StateStore#appliedOffset()} tells from where to restore. Calls to
 * {@link StateStore#restore} move it to {@link #RESTORING}; {@link StateStore#finishRestore()}
 * moves it to {@link #RUNNING}, where reads and writes are allowed. {@link StateStore#close()}
 * moves any state to {@link #CLOSED}, after which every call fails fast.
 */
public enum StoreState {
  /** Built and verified; nothing restored yet in this session. */
  OPEN,
  /** Changelog records are being applied through the bulk restore path. */
  RESTORING,
  /** Serving reads and writes. */
  RUNNING,
  /** Closed; every further call fails with an {@link IllegalStateException}. */
  CLOSED
}

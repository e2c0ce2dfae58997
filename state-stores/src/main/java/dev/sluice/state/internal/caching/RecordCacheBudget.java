package dev.sluice.state.internal.caching;

import dev.sluice.state.internal.Checks;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process-wide byte budget of all record caches. Thread-safe: caches on different task threads
 * reserve and release concurrently. A cache that finds the budget exceeded evicts its own least
 * recently used entries, never another store's, so no cache is touched by two threads.
 */
public final class RecordCacheBudget {

  /** Heap overhead charged per cached entry on top of key and value bytes. */
  static final long ENTRY_OVERHEAD = 64;

  private final long maxBytes;
  private final AtomicLong usedBytes = new AtomicLong();

  /**
   * Creates a budget.
   *
   * @param maxBytes the budget, {@code >= 0}; 0 disables caching in effect
   */
  public RecordCacheBudget(long maxBytes) {
    Checks.checkArgument(
        maxBytes >= 0, "state.cache.bytes was %s; use 0 or more (default 10485760)", maxBytes);
    this.maxBytes = maxBytes;
  }

  /**
   * The budget.
   *
   * @return bytes
   */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Bytes currently held by all caches.
   *
   * @return bytes
   */
  public long usedBytes() {
    return usedBytes.get();
  }

  void reserve(long bytes) {
    usedBytes.addAndGet(bytes);
  }

  void release(long bytes) {
    long now = usedBytes.addAndGet(-bytes);
    if (now < 0) {
      throw Checks.bug("record cache budget went negative (%s bytes)", now);
    }
  }

  boolean exceeded() {
    return usedBytes.get() > maxBytes;
  }
}

package dev.sluice.streams.internal.engine;

import dev.sluice.state.FlushListener;
import dev.sluice.streams.internal.graph.StoreSpec;

/**
 * What the library's own stateful steps need from their task beyond the public {@link
 * dev.sluice.streams.processor.ProcessorContext}: the context a task hands to every processor
 * implements both, and DSL processors cast to this one in {@code init}.
 */
public interface StepContext {

  /**
   * Whether a store this step uses has a record cache. With a cache the step emits its updates from
   * the cache's flush listener; without one it emits each update as it writes.
   *
   * @param storeName the store
   * @return true if writes are buffered in a cache until the next flush
   */
  boolean cached(String storeName);

  /**
   * The spec of a store this step uses, with the serdes the compiler resolved (builder defaults
   * filled in). A step that must serialize what it reads, such as a foreign-key join hashing a row
   * or scanning by a key prefix, takes the serdes from here.
   *
   * @param storeName the store
   * @return the spec
   */
  StoreSpec storeSpec(String storeName);

  /**
   * Sets who hears about the entries a store's cache flushes or evicts (at most one per store).
   *
   * @param storeName the store, which must be cached and used by this step
   * @param listener the listener; it may forward records through this step's context
   * @param <K> key type
   * @param <V> value type
   */
  <K, V> void onCacheFlush(String storeName, FlushListener<K, V> listener);

  /**
   * Counts a record the step dropped on purpose (for example a null key where a key is needed). The
   * count is part of the task's skipped records.
   *
   * @param reason why, for the log
   */
  void recordDropped(String reason);
}

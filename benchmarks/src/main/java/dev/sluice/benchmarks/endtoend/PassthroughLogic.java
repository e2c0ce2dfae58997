package dev.sluice.benchmarks.endtoend;

import java.util.function.BiConsumer;

/**
 * A workload written by hand for the raw consumer→producer loop: no framework, no store, no
 * changelog; the upper limit of what a client-level application can do.
 */
interface PassthroughLogic {

  /**
   * Processes one input record.
   *
   * @param key the serialized key
   * @param value the serialized value
   * @param emit sends an output record (serialized key and value)
   */
  void onRecord(byte[] key, byte[] value, BiConsumer<byte[], byte[]> emit);

  /**
   * Called before every commit (and before the producer is flushed), for logic that buffers output
   * between commits.
   *
   * @param emit sends an output record (serialized key and value)
   */
  default void beforeCommit(BiConsumer<byte[], byte[]> emit) {}
}

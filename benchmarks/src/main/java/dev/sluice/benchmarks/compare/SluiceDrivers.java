package dev.sluice.benchmarks.compare;

import dev.sluice.state.StateStores;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings for Sluice's {@code TopologyTestDriver} in the side-by-side benchmarks. The driver's own
 * RocksDB memory budget (16 MiB) suits small tests; here Sluice's stores get the runtime's default
 * budget ({@link StateStores#MEMORY_BYTES_DEFAULT}), as Kafka Streams' driver gives its stores
 * Kafka Streams' own defaults.
 */
final class SluiceDrivers {
  /** No record cache: every update is emitted and change-logged, every read goes to the store. */
  static final Map<String, Object> NO_CACHE = withCache(0, Map.of());

  /** A 10 MiB record cache (the runtime's default), flushed only at commits. */
  static final Map<String, Object> CACHE = withCache(StateStores.CACHE_BYTES_DEFAULT, Map.of());

  private SluiceDrivers() {}

  /**
   * Driver settings with a record cache of the given size.
   *
   * @param cacheBytes {@code state.cache.bytes}; 0 turns the cache off
   * @param more further settings
   * @return the settings, unmodifiable
   */
  static Map<String, Object> withCache(long cacheBytes, Map<String, Object> more) {
    Map<String, Object> settings = new HashMap<>(more);
    settings.put(StateStores.MEMORY_BYTES_CONFIG, StateStores.MEMORY_BYTES_DEFAULT);
    settings.put(StateStores.CACHE_BYTES_CONFIG, cacheBytes);
    return Map.copyOf(settings);
  }
}

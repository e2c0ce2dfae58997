package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import org.apache.kafka.common.serialization.Serde;

/**
 * How a state store is kept: its name, serdes, and whether it is persistent, logged and cached.
 * Immutable; each {@code with*} method returns a copy.
 *
 * <p>Defaults: a name derived from the step ({@code <step>-store}), the serdes known upstream (or
 * the builder's defaults), RocksDB, logged to the compacted topic {@code
 * <application.id>-<store>-changelog}, and cached, so that a table emits one update per key per
 * commit rather than one per record. Name the store to read it from the test driver or to keep its
 * changelog name whatever else changes in the topology.
 *
 * @param storeName the store name, or null to derive it from the step
 * @param keySerde the key serde, or null to use the upstream or default one
 * @param valueSerde the value serde, or null to use the upstream or default one
 * @param persistent RocksDB (true) or in memory (false); either way the changelog rebuilds it
 * @param cachingEnabled whether a record cache buffers writes until the next commit
 * @param loggingEnabled whether writes go to a changelog topic (without it, state is lost with the
 *     state directory)
 * @param <K> key type
 * @param <V> value type
 */
public record Materialized<K, V>(
    String storeName,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    boolean persistent,
    boolean cachingEnabled,
    boolean loggingEnabled) {

  /** Checks the store name, if any. */
  public Materialized {
    if (storeName != null) {
      Checks.validName(storeName, "Materialized store");
    }
  }

  /**
   * The defaults: derived name, upstream serdes, persistent, logged, cached.
   *
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Materialized<K, V> defaults() {
    return new Materialized<>(null, null, null, true, true, true);
  }

  /**
   * A named store with the other defaults.
   *
   * @param storeName letters, digits, '.', '_', '-'
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Materialized<K, V> as(String storeName) {
    Checks.notNull(storeName, "storeName");
    return new Materialized<>(storeName, null, null, true, true, true);
  }

  /**
   * A store with these serdes and the other defaults.
   *
   * @param keySerde the key serde
   * @param valueSerde the value serde
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Materialized<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
    Checks.notNull(keySerde, "keySerde");
    Checks.notNull(valueSerde, "valueSerde");
    return new Materialized<>(null, keySerde, valueSerde, true, true, true);
  }

  /**
   * A copy with a store name.
   *
   * @param name letters, digits, '.', '_', '-'
   * @return the copy
   */
  public Materialized<K, V> withStoreName(String name) {
    Checks.notNull(name, "storeName");
    return new Materialized<>(
        name, keySerde, valueSerde, persistent, cachingEnabled, loggingEnabled);
  }

  /**
   * A copy with a key serde.
   *
   * @param serde the key serde
   * @return the copy
   */
  public Materialized<K, V> withKeySerde(Serde<K> serde) {
    Checks.notNull(serde, "keySerde");
    return new Materialized<>(
        storeName, serde, valueSerde, persistent, cachingEnabled, loggingEnabled);
  }

  /**
   * A copy with a value serde.
   *
   * @param serde the value serde
   * @return the copy
   */
  public Materialized<K, V> withValueSerde(Serde<V> serde) {
    Checks.notNull(serde, "valueSerde");
    return new Materialized<>(
        storeName, keySerde, serde, persistent, cachingEnabled, loggingEnabled);
  }

  /**
   * A copy kept in memory instead of RocksDB; it is rebuilt from its changelog after a restart.
   *
   * @return the copy
   */
  public Materialized<K, V> inMemory() {
    return new Materialized<>(
        storeName, keySerde, valueSerde, false, cachingEnabled, loggingEnabled);
  }

  /**
   * A copy without record cache: every update is written through and emitted at once.
   *
   * @return the copy
   */
  public Materialized<K, V> withCachingDisabled() {
    return new Materialized<>(storeName, keySerde, valueSerde, persistent, false, loggingEnabled);
  }

  /**
   * A copy without changelog: the store is not restored after its state directory is lost.
   *
   * @return the copy
   */
  public Materialized<K, V> withLoggingDisabled() {
    return new Materialized<>(storeName, keySerde, valueSerde, persistent, cachingEnabled, false);
  }
}

package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import org.apache.kafka.common.serialization.Serde;

/**
 * How a sink writes: the serdes, an optional partitioner and an optional step name. Immutable; each
 * {@code with*} method returns a copy.
 *
 * @param keySerde the key serde, or null to reuse the upstream serde
 * @param valueSerde the value serde, or null to reuse the upstream serde
 * @param partitioner the partitioner, or null for the key-hash default
 * @param name the sink step name, or null for a derived one
 * @param <K> key type
 * @param <V> value type
 */
public record Produced<K, V>(
    Serde<K> keySerde,
    Serde<V> valueSerde,
    StreamPartitioner<? super K, ? super V> partitioner,
    String name) {

  /**
   * Writes with these serdes.
   *
   * @param keySerde the key serde
   * @param valueSerde the value serde
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
    Checks.notNull(keySerde, "keySerde");
    Checks.notNull(valueSerde, "valueSerde");
    return new Produced<>(keySerde, valueSerde, null, null);
  }

  /**
   * Writes with these serdes and partitioner.
   *
   * @param keySerde the key serde
   * @param valueSerde the value serde
   * @param partitioner the partitioner
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Produced<K, V> with(
      Serde<K> keySerde, Serde<V> valueSerde, StreamPartitioner<? super K, ? super V> partitioner) {
    Checks.notNull(partitioner, "partitioner");
    return with(keySerde, valueSerde).withStreamPartitioner(partitioner);
  }

  /**
   * Writes with upstream serdes and this partitioner.
   *
   * @param partitioner the partitioner
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Produced<K, V> streamPartitioner(
      StreamPartitioner<? super K, ? super V> partitioner) {
    Checks.notNull(partitioner, "partitioner");
    return new Produced<>(null, null, partitioner, null);
  }

  /**
   * Writes with upstream serdes, under an explicit step name.
   *
   * @param name the sink step name
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Produced<K, V> as(String name) {
    return new Produced<>(null, null, null, Checks.validName(name, "Produced"));
  }

  /**
   * A copy with a partitioner.
   *
   * @param newPartitioner the partitioner
   * @return the copy
   */
  public Produced<K, V> withStreamPartitioner(
      StreamPartitioner<? super K, ? super V> newPartitioner) {
    Checks.notNull(newPartitioner, "partitioner");
    return new Produced<>(keySerde, valueSerde, newPartitioner, name);
  }

  /**
   * A copy with an explicit sink step name.
   *
   * @param stepName the name
   * @return the copy
   */
  public Produced<K, V> withName(String stepName) {
    return new Produced<>(
        keySerde, valueSerde, partitioner, Checks.validName(stepName, "Produced"));
  }
}

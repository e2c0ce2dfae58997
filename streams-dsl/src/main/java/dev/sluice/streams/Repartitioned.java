package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import org.apache.kafka.common.serialization.Serde;

/**
 * How {@link KStream#repartition(Repartitioned)} sends a stream through an internal topic: the
 * topic's name, its serdes and, optionally, its partition count. Immutable; each {@code with*}
 * method returns a copy.
 *
 * <p>The topic is {@code <application.id>-<name>-repartition}; the name defaults to one derived
 * from the step ({@code <step>.repartition}). Without a partition count the runtime creates it with
 * the count of the topics it must be co-partitioned with (those of a join it feeds), else with that
 * of the upstream topics. A partition count is how a stream is co-partitioned with a table or
 * stream whose topic has more (or fewer) partitions.
 *
 * @param name the repartition name, or null to derive it
 * @param keySerde the key serde, or null to use the upstream or default one
 * @param valueSerde the value serde, or null to use the upstream or default one
 * @param numberOfPartitions the topic's partition count, or null to derive it
 * @param <K> key type
 * @param <V> value type
 */
public record Repartitioned<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, Integer numberOfPartitions) {

  /** Checks the name and partition count, if any. */
  public Repartitioned {
    if (name != null) {
      Checks.validName(name, "Repartitioned");
    }
    if (numberOfPartitions != null) {
      Checks.argument(
          numberOfPartitions > 0,
          "Repartitioned: numberOfPartitions was %s; use 1 or more",
          numberOfPartitions);
    }
  }

  /**
   * Upstream serdes, a derived name and a derived partition count.
   *
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Repartitioned<K, V> defaults() {
    return new Repartitioned<>(null, null, null, null);
  }

  /**
   * A named repartition topic.
   *
   * @param name letters, digits, '.', '_', '-'
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Repartitioned<K, V> as(String name) {
    Checks.notNull(name, "name");
    return new Repartitioned<>(name, null, null, null);
  }

  /**
   * A repartition topic with these serdes.
   *
   * @param keySerde the key serde
   * @param valueSerde the value serde
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Repartitioned<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
    Checks.notNull(keySerde, "keySerde");
    Checks.notNull(valueSerde, "valueSerde");
    return new Repartitioned<>(null, keySerde, valueSerde, null);
  }

  /**
   * A repartition topic with this many partitions.
   *
   * @param numberOfPartitions 1 or more
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Repartitioned<K, V> numberOfPartitions(int numberOfPartitions) {
    return new Repartitioned<>(null, null, null, numberOfPartitions);
  }

  /**
   * A copy with a name.
   *
   * @param newName letters, digits, '.', '_', '-'
   * @return the copy
   */
  public Repartitioned<K, V> withName(String newName) {
    Checks.notNull(newName, "name");
    return new Repartitioned<>(newName, keySerde, valueSerde, numberOfPartitions);
  }

  /**
   * A copy with a key serde.
   *
   * @param serde the key serde
   * @return the copy
   */
  public Repartitioned<K, V> withKeySerde(Serde<K> serde) {
    return new Repartitioned<>(
        name, Checks.notNull(serde, "keySerde"), valueSerde, numberOfPartitions);
  }

  /**
   * A copy with a value serde.
   *
   * @param serde the value serde
   * @return the copy
   */
  public Repartitioned<K, V> withValueSerde(Serde<V> serde) {
    return new Repartitioned<>(
        name, keySerde, Checks.notNull(serde, "valueSerde"), numberOfPartitions);
  }

  /**
   * A copy with a partition count.
   *
   * @param count 1 or more
   * @return the copy
   */
  public Repartitioned<K, V> withNumberOfPartitions(int count) {
    return new Repartitioned<>(name, keySerde, valueSerde, count);
  }
}

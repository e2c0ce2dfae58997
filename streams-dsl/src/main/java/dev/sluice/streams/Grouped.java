package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import org.apache.kafka.common.serialization.Serde;

/**
 * How records are grouped before an aggregation: the serdes of the grouped records and a name.
 * Immutable; each {@code with*} method returns a copy.
 *
 * <p>When keys may have changed upstream ({@code map}, {@code selectKey}, {@code flatMap}, {@code
 * process}, {@code groupBy}), the aggregation first sends the records through the internal topic
 * {@code <application.id>-<name>-repartition}, so that all records of a key meet in one task. The
 * name defaults to the step the grouping starts from; set it to keep the topic's name whatever else
 * changes upstream. The serdes (else those known upstream, else the builder's defaults) write and
 * read that topic.
 *
 * @param name the repartition name, or null to derive it
 * @param keySerde the key serde, or null to use the upstream or default one
 * @param valueSerde the value serde, or null to use the upstream or default one
 * @param <K> key type
 * @param <V> value type
 */
public record Grouped<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  /** Checks the name, if any. */
  public Grouped {
    if (name != null) {
      Checks.validName(name, "Grouped");
    }
  }

  /**
   * Upstream serdes and a derived name.
   *
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Grouped<K, V> defaults() {
    return new Grouped<>(null, null, null);
  }

  /**
   * A named grouping with upstream serdes.
   *
   * @param name letters, digits, '.', '_', '-'
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Grouped<K, V> as(String name) {
    Checks.notNull(name, "name");
    return new Grouped<>(name, null, null);
  }

  /**
   * A grouping with these serdes and a derived name.
   *
   * @param keySerde the key serde
   * @param valueSerde the value serde
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Grouped<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
    Checks.notNull(keySerde, "keySerde");
    Checks.notNull(valueSerde, "valueSerde");
    return new Grouped<>(null, keySerde, valueSerde);
  }

  /**
   * A copy with a name.
   *
   * @param newName letters, digits, '.', '_', '-'
   * @return the copy
   */
  public Grouped<K, V> withName(String newName) {
    Checks.notNull(newName, "name");
    return new Grouped<>(newName, keySerde, valueSerde);
  }

  /**
   * A copy with a key serde.
   *
   * @param serde the key serde
   * @return the copy
   */
  public Grouped<K, V> withKeySerde(Serde<K> serde) {
    return new Grouped<>(name, Checks.notNull(serde, "keySerde"), valueSerde);
  }

  /**
   * A copy with a value serde.
   *
   * @param serde the value serde
   * @return the copy
   */
  public Grouped<K, V> withValueSerde(Serde<V> serde) {
    return new Grouped<>(name, keySerde, Checks.notNull(serde, "valueSerde"));
  }
}

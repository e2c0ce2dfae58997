package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import org.apache.kafka.common.serialization.Serde;

/**
 * Options of a stream-table join: a step name and the serdes of its inputs. Immutable; each {@code
 * with*} method returns a copy.
 *
 * <p>When the stream's keys may have changed upstream ({@code map}, {@code selectKey}, ...), the
 * join first sends the stream through the internal topic {@code <application.id>-<name>
 * -repartition}, written and read with {@code keySerde} and {@code valueSerde} (else the serdes
 * known upstream, else the builder's defaults); {@code name} defaults to the step the join starts
 * from. A table without a store of its own (the result of {@code filter} or {@code mapValues}) is
 * materialized for the lookup in a store {@code <table step>.materialize-store}, whose values are
 * written with {@code otherValueSerde} (else the table's, else the default).
 *
 * @param name the join step's name (and repartition name), or null to derive it
 * @param keySerde the key serde, or null to use the upstream or default one
 * @param valueSerde the stream's value serde, or null to use the upstream or default one
 * @param otherValueSerde the table's value serde, or null to use the table's or default one
 * @param <K> key type
 * @param <V> the stream's value type
 * @param <VO> the table's value type
 */
public record Joined<K, V, VO>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde) {

  /** Checks the name, if any. */
  public Joined {
    if (name != null) {
      Checks.validName(name, "Joined");
    }
  }

  /**
   * Upstream serdes and a derived name.
   *
   * @param <K> key type
   * @param <V> the stream's value type
   * @param <VO> the table's value type
   * @return the options
   */
  public static <K, V, VO> Joined<K, V, VO> defaults() {
    return new Joined<>(null, null, null, null);
  }

  /**
   * A named join with upstream serdes.
   *
   * @param name letters, digits, '.', '_', '-'
   * @param <K> key type
   * @param <V> the stream's value type
   * @param <VO> the table's value type
   * @return the options
   */
  public static <K, V, VO> Joined<K, V, VO> as(String name) {
    Checks.notNull(name, "name");
    return new Joined<>(name, null, null, null);
  }

  /**
   * A join with these serdes and a derived name.
   *
   * @param keySerde the key serde
   * @param valueSerde the stream's value serde
   * @param otherValueSerde the table's value serde
   * @param <K> key type
   * @param <V> the stream's value type
   * @param <VO> the table's value type
   * @return the options
   */
  public static <K, V, VO> Joined<K, V, VO> with(
      Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde) {
    Checks.notNull(keySerde, "keySerde");
    Checks.notNull(valueSerde, "valueSerde");
    Checks.notNull(otherValueSerde, "otherValueSerde");
    return new Joined<>(null, keySerde, valueSerde, otherValueSerde);
  }

  /**
   * A copy with a name.
   *
   * @param newName letters, digits, '.', '_', '-'
   * @return the copy
   */
  public Joined<K, V, VO> withName(String newName) {
    Checks.notNull(newName, "name");
    return new Joined<>(newName, keySerde, valueSerde, otherValueSerde);
  }
}

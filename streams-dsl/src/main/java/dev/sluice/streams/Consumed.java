package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import org.apache.kafka.common.serialization.Serde;

/**
 * How a source reads its topics: the serdes, the event-time extractor and an optional step name.
 * Immutable; each {@code with*} method returns a copy.
 *
 * @param keySerde the key serde, or null to use the builder's default
 * @param valueSerde the value serde, or null to use the builder's default
 * @param timestampExtractor the event-time extractor, or null for the record timestamp
 * @param name the source step name, or null to name it after its topics
 * @param <K> key type
 * @param <V> value type
 */
public record Consumed<K, V>(
    Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor timestampExtractor, String name) {

  /**
   * Reads with these serdes.
   *
   * @param keySerde the key serde
   * @param valueSerde the value serde
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
    Checks.notNull(keySerde, "keySerde");
    Checks.notNull(valueSerde, "valueSerde");
    return new Consumed<>(keySerde, valueSerde, null, null);
  }

  /**
   * Reads with the builder's default serdes and this event-time extractor.
   *
   * @param timestampExtractor the extractor
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Consumed<K, V> with(TimestampExtractor timestampExtractor) {
    Checks.notNull(timestampExtractor, "timestampExtractor");
    return new Consumed<>(null, null, timestampExtractor, null);
  }

  /**
   * Reads with the builder's defaults, under an explicit step name.
   *
   * @param name the source step name
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Consumed<K, V> as(String name) {
    return new Consumed<>(null, null, null, Checks.validName(name, "Consumed"));
  }

  /**
   * A copy with an event-time extractor.
   *
   * @param extractor the extractor
   * @return the copy
   */
  public Consumed<K, V> withTimestampExtractor(TimestampExtractor extractor) {
    Checks.notNull(extractor, "timestampExtractor");
    return new Consumed<>(keySerde, valueSerde, extractor, name);
  }

  /**
   * A copy with an explicit source step name.
   *
   * @param stepName the name
   * @return the copy
   */
  public Consumed<K, V> withName(String stepName) {
    return new Consumed<>(
        keySerde, valueSerde, timestampExtractor, Checks.validName(stepName, "Consumed"));
  }
}

package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import java.util.function.Consumer;

/**
 * Options of one branch of {@link KStream#split()}: its name, and optionally a consumer that builds
 * the branch's downstream in place.
 *
 * @param name the branch name, or null for its position ("1", "2", ... and "0" for the default
 *     branch)
 * @param chain builds the branch's downstream, or null to return the branch from {@link
 *     SplitStream#defaultBranch()} / {@link SplitStream#noDefaultBranch()}
 * @param <K> key type
 * @param <V> value type
 */
public record Branched<K, V>(String name, Consumer<? super KStream<K, V>> chain) {

  /**
   * A named branch.
   *
   * @param name the branch name
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Branched<K, V> as(String name) {
    return new Branched<>(Checks.validName(name, "Branched"), null);
  }

  /**
   * A branch whose downstream is built by the consumer.
   *
   * @param chain builds the branch
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain) {
    return new Branched<>(null, Checks.notNull(chain, "chain"));
  }

  /**
   * A named branch whose downstream is built by the consumer.
   *
   * @param chain builds the branch
   * @param name the branch name
   * @param <K> key type
   * @param <V> value type
   * @return the options
   */
  public static <K, V> Branched<K, V> withConsumer(
      Consumer<? super KStream<K, V>> chain, String name) {
    return new Branched<>(Checks.validName(name, "Branched"), Checks.notNull(chain, "chain"));
  }
}

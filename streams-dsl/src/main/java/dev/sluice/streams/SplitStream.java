package dev.sluice.streams;

import java.util.Map;

/**
 * Branches of a {@link KStream#split()}: each record goes to the first branch whose predicate
 * matches, else to the default branch, else nowhere.
 *
 * <p>The returned map is keyed by the split's name prefix plus the branch name; unnamed branches
 * are named by their position ("1", "2", ...) and the default branch "0".
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface SplitStream<K, V> {

  /**
   * Adds a branch.
   *
   * @param predicate the test
   * @return this split
   */
  SplitStream<K, V> branch(Predicate<? super K, ? super V> predicate);

  /**
   * Adds a named branch, or one whose downstream a consumer builds.
   *
   * @param predicate the test
   * @param branched name and optional chain
   * @return this split
   */
  SplitStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched);

  /**
   * Ends the split with a default branch for unmatched records.
   *
   * @return the branches that have no consumer, by name
   */
  Map<String, KStream<K, V>> defaultBranch();

  /**
   * Ends the split with a named default branch for unmatched records.
   *
   * @param branched name and optional chain
   * @return the branches that have no consumer, by name
   */
  Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched);

  /**
   * Ends the split; unmatched records are dropped.
   *
   * @return the branches that have no consumer, by name
   */
  Map<String, KStream<K, V>> noDefaultBranch();
}

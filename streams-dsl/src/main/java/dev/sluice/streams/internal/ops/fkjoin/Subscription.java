package dev.sluice.streams.internal.ops.fkjoin;

/**
 * What a left row tells the right row its foreign key points at, keyed by that foreign key on the
 * subscription topic: "I am left row {@code leftKey}, with a value hashed to {@code hash}: send me
 * your value now and whenever it changes", or, without a hash, "forget me".
 *
 * <p>The hash is echoed in every {@link Response}, so the left side can tell a response to its
 * current value from one to a value it has since replaced (see {@link ResponseResolver}).
 *
 * @param leftKey the left row's key
 * @param hash the hash of the left row's value ({@link ValueHash}), or null to unsubscribe
 * @param <K> left key type
 */
public record Subscription<K>(K leftKey, byte[] hash) {

  /**
   * A subscription to withdraw.
   *
   * @param leftKey the left row that no longer points at the right row
   * @param <K> left key type
   * @return the unsubscription
   */
  public static <K> Subscription<K> unsubscribe(K leftKey) {
    return new Subscription<>(leftKey, null);
  }

  /**
   * Whether this withdraws a subscription.
   *
   * @return true if there is no hash
   */
  public boolean unsubscribes() {
    return hash == null;
  }
}

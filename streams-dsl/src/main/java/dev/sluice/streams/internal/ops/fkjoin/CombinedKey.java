package dev.sluice.streams.internal.ops.fkjoin;

/**
 * The key of the subscription store: the right row (foreign key) first, so that one prefix scan
 * finds every left row subscribed to it, then the subscribing left row.
 *
 * @param foreignKey the right row's key
 * @param leftKey the subscribing left row's key
 * @param <F> foreign key type
 * @param <K> left key type
 */
public record CombinedKey<F, K>(F foreignKey, K leftKey) {}

package dev.sluice.streams.internal.ops.fkjoin;

/**
 * The right row's answer to a {@link Subscription}, keyed by the left key on the response topic:
 * its current value (null if there is no such row) and the hash of the left value it answers.
 *
 * @param hash the subscription's hash, or null when the left row was deleted
 * @param rightValue the right row's value, or null if it is absent
 * @param <R> right value type
 */
public record Response<R>(byte[] hash, R rightValue) {}

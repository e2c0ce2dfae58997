package dev.sluice.streams.internal.ops;

/**
 * One table update as it travels between table steps: the key's new value and the value it
 * replaced, either null (an insert has no old value, a deletion no new one). Carrying the old value
 * is what lets a filter delete a row that stopped matching and a re-grouping subtract a row from
 * the group it left.
 *
 * @param newValue the value now, or null if the key was deleted
 * @param oldValue the value before, or null if the key was absent
 * @param <V> value type
 */
public record Change<V>(V newValue, V oldValue) {}

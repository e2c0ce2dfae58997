package dev.sluice.streams.internal.ops;

/**
 * What a fixed-size windowed aggregation step does, whatever its windows (time or sliding): the
 * part of its configuration the DSL builds the same way for every window kind.
 *
 * @param step the step name, for messages
 * @param storeName the window store
 * @param markerStoreName the companion store of final mode ({@code <store>-emitted}), or null for
 *     eager emission
 * @param update computes a window's new aggregate from its current one (null for a new window)
 * @param lateChild the child that writes late records, or null
 * @param <K> key type
 * @param <V> input value type
 * @param <A> aggregate type
 */
public record WindowAggregation<K, V, A>(
    String step,
    String storeName,
    String markerStoreName,
    StoreUpdateProcessor.Update<K, V, A> update,
    String lateChild) {}

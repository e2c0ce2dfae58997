package dev.sluice.state;

import java.util.Iterator;

/**
 * An iterator over store entries that holds resources (for RocksDB, a native iterator and a
 * snapshot of the data) until it is closed.
 *
 * <p>Always use it in a try-with-resources block. Every store counts its open iterators ({@link
 * StateStore#openIterators()}) so that leaks show up in tests; closing the store closes the
 * iterators it still has open. Calling {@link #hasNext()} or {@link #next()} on a closed iterator
 * fails with an {@link IllegalStateException}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KeyValueIterator<K, V> extends Iterator<KeyValue<K, V>>, AutoCloseable {

  /** Releases the iterator's resources. Idempotent; never throws. */
  @Override
  void close();
}

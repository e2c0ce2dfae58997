package dev.sluice.streams.internal.engine;

import dev.sluice.state.ChangelogRecord;
import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.KeyValueStore;
import dev.sluice.state.StoreState;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What a task's steps (and the test driver) see of a global store: reads only, each one taken under
 * the lock the global store's writer holds, because the store is written by one thread and read by
 * every stream thread while stores are single-threaded. Iterators hold the lock for each call, not
 * for their lifetime (in-memory iterators copy their range when created; RocksDB ones read a
 * snapshot), so a long scan never stalls the writer. The view asks for the store on each call, so
 * it follows a store that was emptied and replaced ({@link GlobalStateStores#reset}); an iterator
 * open on the replaced store fails on its next call.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class GlobalStoreView<K, V> implements KeyValueStore<K, V> {
  private final Supplier<KeyValueStore<K, V>> current;
  private final String name;
  private final String topic;
  private final Object lock;

  GlobalStoreView(Supplier<KeyValueStore<K, V>> current, String name, String topic, Object lock) {
    this.current = current;
    this.name = name;
    this.topic = topic;
    this.lock = lock;
  }

  @Override
  public V get(K key) {
    synchronized (lock) {
      return current.get().get(key);
    }
  }

  @Override
  public KeyValueIterator<K, V> range(K from, K to) {
    return iterator(() -> current.get().range(from, to));
  }

  @Override
  public KeyValueIterator<K, V> reverseRange(K from, K to) {
    return iterator(() -> current.get().reverseRange(from, to));
  }

  @Override
  public <P> KeyValueIterator<K, V> prefixScan(P prefix, Serializer<P> prefixSerializer) {
    return iterator(() -> current.get().prefixScan(prefix, prefixSerializer));
  }

  @Override
  public KeyValueIterator<K, V> all() {
    return iterator(() -> current.get().all());
  }

  @Override
  public long approximateNumEntries() {
    synchronized (lock) {
      return current.get().approximateNumEntries();
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StoreState state() {
    synchronized (lock) {
      return current.get().state();
    }
  }

  @Override
  public boolean persistent() {
    synchronized (lock) {
      return current.get().persistent();
    }
  }

  @Override
  public int openIterators() {
    synchronized (lock) {
      return current.get().openIterators();
    }
  }

  @Override
  public OptionalLong appliedOffset() {
    synchronized (lock) {
      return current.get().appliedOffset();
    }
  }

  @Override
  public void put(K key, V value) {
    throw readOnly("put");
  }

  @Override
  public V putIfAbsent(K key, V value) {
    throw readOnly("putIfAbsent");
  }

  @Override
  public void putAll(List<KeyValue<K, V>> entries) {
    throw readOnly("putAll");
  }

  @Override
  public V delete(K key) {
    throw readOnly("delete");
  }

  @Override
  public void restore(List<ChangelogRecord> batch) {
    throw readOnly("restore");
  }

  @Override
  public void finishRestore() {
    throw readOnly("finishRestore");
  }

  @Override
  public void flush() {
    throw readOnly("flush");
  }

  @Override
  public void commit(long changelogOffset) {
    throw readOnly("commit");
  }

  @Override
  public void close() {
    throw readOnly("close");
  }

  private UnsupportedOperationException readOnly(String operation) {
    return new UnsupportedOperationException(
        String.format(
            "global store '%s' is read-only here (%s): it changes only with its topic '%s'; write"
                + " to the topic instead",
            name, operation, topic));
  }

  private KeyValueIterator<K, V> iterator(Supplier<KeyValueIterator<K, V>> open) {
    KeyValueIterator<K, V> iterator;
    synchronized (lock) {
      iterator = open.get();
    }
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        synchronized (lock) {
          return iterator.hasNext();
        }
      }

      @Override
      public KeyValue<K, V> next() {
        synchronized (lock) {
          return iterator.next();
        }
      }

      @Override
      public void close() {
        synchronized (lock) {
          iterator.close();
        }
      }
    };
  }
}

package dev.sluice.state.internal.caching;

import dev.sluice.state.internal.bytes.BytesIterator;
import java.util.Comparator;

/**
 * Merges a cache snapshot over a store cursor, both in the same order. On equal keys the cache
 * wins; cache tombstones (null values) hide the store entry and are never returned.
 */
final class MergedBytesIterator implements BytesIterator {

  private final BytesIterator cache;
  private final BytesIterator store;
  private final Comparator<byte[]> order;
  private byte[] key;
  private byte[] value;
  private boolean fromCache;
  private boolean fromStore;

  MergedBytesIterator(BytesIterator cache, BytesIterator store, Comparator<byte[]> order) {
    this.cache = cache;
    this.store = store;
    this.order = order;
    settle();
  }

  private void settle() {
    while (true) {
      boolean hasCache = cache.valid();
      boolean hasStore = store.valid();
      if (!hasCache && !hasStore) {
        key = null;
        value = null;
        return;
      }
      int cmp = !hasCache ? 1 : !hasStore ? -1 : order.compare(cache.key(), store.key());
      if (cmp <= 0 && cache.value() == null) {
        cache.next();
        if (cmp == 0) {
          store.next();
        }
        continue;
      }
      fromCache = cmp <= 0;
      fromStore = cmp >= 0;
      key = fromCache ? cache.key() : store.key();
      value = fromCache ? cache.value() : store.value();
      return;
    }
  }

  @Override
  public boolean valid() {
    return key != null;
  }

  @Override
  public byte[] key() {
    return key;
  }

  @Override
  public byte[] value() {
    return value;
  }

  @Override
  public void next() {
    if (fromCache) {
      cache.next();
    }
    if (fromStore) {
      store.next();
    }
    settle();
  }

  @Override
  public void close() {
    key = null;
    cache.close();
    store.close();
  }
}

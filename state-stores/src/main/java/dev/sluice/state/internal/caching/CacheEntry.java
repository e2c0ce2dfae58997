package dev.sluice.state.internal.caching;

import java.util.Arrays;

/**
 * One cached key of a {@link CachingBytesStore}: its value, whether the store below has it yet, and
 * its links in the cache's two {@link EntryList}s (every entry in the LRU list, dirty ones also in
 * the dirty list). Mutable, owned by one cache, single-threaded.
 */
final class CacheEntry {
  final byte[] key;
  final int hash;
  byte[] value;
  boolean dirty;
  // Whether the entry is in the cache (not yet removed or evicted).
  boolean cached;
  // While dirty: whether the value the store below holds is known, and that value.
  boolean belowKnown;
  byte[] below;
  long timestamp;
  long size;
  // Links of the LRU list and of the dirty list (see EntryList).
  CacheEntry older;
  CacheEntry newer;
  CacheEntry olderDirty;
  CacheEntry newerDirty;

  CacheEntry(byte[] key) {
    this.key = key;
    this.hash = hash(key);
  }

  /**
   * The hash the {@link EntryIndex} files a key under: the key bytes' content hash, with the high
   * bits folded in so that the low bits a table uses depend on every byte.
   *
   * @param key the key bytes
   * @return the hash
   */
  static int hash(byte[] key) {
    int h = Arrays.hashCode(key) * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}

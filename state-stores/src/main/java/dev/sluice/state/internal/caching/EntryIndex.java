package dev.sluice.state.internal.caching;

import java.util.Arrays;

/**
 * Finds a cached entry by the content of its key bytes in expected constant time, so a cache hit
 * costs a hash and one array comparison instead of a walk down a sorted tree comparing bytes at
 * every level (the tree stays, for ranges).
 *
 * <p>Open addressing with linear probing over a power-of-two table kept at most half full; a
 * removal shifts the entries after it back instead of leaving a tombstone, so every probe sequence
 * ends at the first empty slot. Holds at most one entry per key. Single-threaded.
 */
final class EntryIndex {
  private static final int INITIAL_CAPACITY = 16;

  private CacheEntry[] slots = new CacheEntry[INITIAL_CAPACITY];
  private int size;

  /**
   * The entry for a key.
   *
   * @param key the key bytes
   * @return the entry, or null if none has this key
   */
  CacheEntry get(byte[] key) {
    int hash = CacheEntry.hash(key);
    int mask = slots.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      CacheEntry entry = slots[slot];
      if (entry == null || (entry.hash == hash && Arrays.equals(entry.key, key))) {
        return entry;
      }
    }
  }

  /**
   * Adds an entry whose key is not in the index yet.
   *
   * @param entry the entry
   */
  void add(CacheEntry entry) {
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    place(slots, entry);
    size++;
  }

  /**
   * Removes an entry of the index (found by identity).
   *
   * @param entry the entry
   */
  void remove(CacheEntry entry) {
    int mask = slots.length - 1;
    int hole = entry.hash & mask;
    while (slots[hole] != entry) {
      if (slots[hole] == null) {
        throw new IllegalStateException("BUG: cache entry to remove is not in the index");
      }
      hole = (hole + 1) & mask;
    }
    slots[hole] = null;
    size--;
    // Shift back every entry after the hole whose home slot does not lie between hole and it.
    for (int slot = (hole + 1) & mask; slots[slot] != null; slot = (slot + 1) & mask) {
      int home = slots[slot].hash & mask;
      if (((slot - home) & mask) >= ((slot - hole) & mask)) {
        slots[hole] = slots[slot];
        slots[slot] = null;
        hole = slot;
      }
    }
  }

  int size() {
    return size;
  }

  void clear() {
    slots = new CacheEntry[INITIAL_CAPACITY];
    size = 0;
  }

  private void grow() {
    CacheEntry[] larger = new CacheEntry[slots.length * 2];
    for (CacheEntry entry : slots) {
      if (entry != null) {
        place(larger, entry);
      }
    }
    slots = larger;
  }

  private static void place(CacheEntry[] table, CacheEntry entry) {
    int mask = table.length - 1;
    int slot = entry.hash & mask;
    while (table[slot] != null) {
      slot = (slot + 1) & mask;
    }
    table[slot] = entry;
  }
}

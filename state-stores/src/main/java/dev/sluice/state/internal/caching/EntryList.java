package dev.sluice.state.internal.caching;

import java.util.ArrayList;
import java.util.List;

/**
 * A doubly linked list of {@link CacheEntry}s threaded through the entries' own link fields, eldest
 * to youngest: adding, removing and moving an entry to the youngest end cost no allocation and no
 * hashing. One entry can be in two lists at once because each list uses its own pair of fields
 * ({@link #lru()} or {@link #dirty()}). Single-threaded.
 */
final class EntryList {
  private final boolean dirtyLinks;
  private CacheEntry eldest;
  private CacheEntry youngest;
  private int size;

  private EntryList(boolean dirtyLinks) {
    this.dirtyLinks = dirtyLinks;
  }

  /**
   * A list linked through {@code older}/{@code newer}.
   *
   * @return an empty list
   */
  static EntryList lru() {
    return new EntryList(false);
  }

  /**
   * A list linked through {@code olderDirty}/{@code newerDirty}.
   *
   * @return an empty list
   */
  static EntryList dirty() {
    return new EntryList(true);
  }

  CacheEntry eldest() {
    return eldest;
  }

  /**
   * The entries, eldest first, copied: the list may change while a caller works through them.
   *
   * @return a new list
   */
  List<CacheEntry> toList() {
    List<CacheEntry> entries = new ArrayList<>(size);
    for (CacheEntry entry = eldest; entry != null; entry = newer(entry)) {
      entries.add(entry);
    }
    return entries;
  }

  private CacheEntry newer(CacheEntry entry) {
    return dirtyLinks ? entry.newerDirty : entry.newer;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Appends an entry that is not in this list. */
  void addYoungest(CacheEntry entry) {
    setOlder(entry, youngest);
    setNewer(entry, null);
    if (youngest != null) {
      setNewer(youngest, entry);
    } else {
      eldest = entry;
    }
    youngest = entry;
    size++;
  }

  /** Moves an entry of this list to the youngest end. */
  void moveToYoungest(CacheEntry entry) {
    if (entry != youngest) {
      remove(entry);
      addYoungest(entry);
    }
  }

  /** Removes an entry of this list; the caller knows it is in it (an entry has no such flag). */
  void remove(CacheEntry entry) {
    CacheEntry older = dirtyLinks ? entry.olderDirty : entry.older;
    CacheEntry newer = newer(entry);
    if (older != null) {
      setNewer(older, newer);
    } else {
      eldest = newer;
    }
    if (newer != null) {
      setOlder(newer, older);
    } else {
      youngest = older;
    }
    setOlder(entry, null);
    setNewer(entry, null);
    size--;
  }

  void clear() {
    eldest = null;
    youngest = null;
    size = 0;
  }

  private void setOlder(CacheEntry entry, CacheEntry older) {
    if (dirtyLinks) {
      entry.olderDirty = older;
    } else {
      entry.older = older;
    }
  }

  private void setNewer(CacheEntry entry, CacheEntry newer) {
    if (dirtyLinks) {
      entry.newerDirty = newer;
    } else {
      entry.newer = newer;
    }
  }
}

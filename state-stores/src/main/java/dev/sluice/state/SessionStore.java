package dev.sluice.state;

import java.time.Duration;

/**
 * Aggregates per key and session window ({@code [start, end]}, both inclusive), kept for a
 * retention period measured on the session end. Sessions of one key are returned in (end, start)
 * order. Timestamps are epoch milliseconds, {@code >= 0}.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
public interface SessionStore<K, V> extends StateStore {

  /**
   * Writes the aggregate of a session; a null aggregate removes it.
   *
   * @param session the session key and bounds
   * @param aggregate the aggregate, or null to remove
   */
  void put(Windowed<K> session, V aggregate);

  /**
   * Removes a session.
   *
   * @param session the session key and bounds
   */
  void remove(Windowed<K> session);

  /**
   * Reads one session.
   *
   * @param key the key
   * @param sessionStart the session start
   * @param sessionEnd the session end
   * @return the aggregate, or null
   */
  V fetchSession(K key, long sessionStart, long sessionEnd);

  /**
   * Sessions of a key that end at or after {@code earliestSessionEnd} and start at or before {@code
   * latestSessionStart}: the sessions a record may merge with.
   *
   * @param key the key, not null
   * @param earliestSessionEnd the earliest session end, inclusive
   * @param latestSessionStart the latest session start, inclusive
   * @return an iterator to close
   */
  KeyValueIterator<Windowed<K>, V> findSessions(
      K key, long earliestSessionEnd, long latestSessionStart);

  /**
   * All sessions, of every key, whose end is in {@code [earliestSessionEnd, latestSessionEnd]}, by
   * end (then start, then serialized key): e.g. the sessions that closed since the last look. It
   * reads a time index the store keeps with its sessions, so its cost follows the sessions
   * returned, not the number of keys or sessions in the store.
   *
   * @param earliestSessionEnd the earliest session end, inclusive, {@code >= 0}
   * @param latestSessionEnd the latest session end, inclusive
   * @return an iterator to close
   */
  KeyValueIterator<Windowed<K>, V> findSessionsEndingBetween(
      long earliestSessionEnd, long latestSessionEnd);

  /**
   * All sessions of a key.
   *
   * @param key the key, not null
   * @return an iterator to close
   */
  KeyValueIterator<Windowed<K>, V> fetch(K key);

  /**
   * How long sessions are kept after their end, in stream time.
   *
   * @return the retention
   */
  Duration retention();
}

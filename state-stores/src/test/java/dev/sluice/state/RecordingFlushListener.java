package dev.sluice.state;

import java.util.ArrayList;
import java.util.List;

/** Records every flush notification. */
public final class RecordingFlushListener<K, V> implements FlushListener<K, V> {

  /** One notification. */
  public record Flush<K, V>(K key, V newValue, V oldValue, long timestamp) {}

  private final List<Flush<K, V>> flushes = new ArrayList<>();

  @Override
  public void onFlush(K key, V newValue, V oldValue, long timestamp) {
    flushes.add(new Flush<>(key, newValue, oldValue, timestamp));
  }

  /** Notifications so far. */
  public List<Flush<K, V>> flushes() {
    return List.copyOf(flushes);
  }

  /** Forgets the notifications so far. */
  public void clear() {
    flushes.clear();
  }
}

package dev.sluice.state;

import java.util.ArrayList;
import java.util.List;

/** A fake changelog partition: records get consecutive offsets from 0, like a Kafka partition. */
public final class InMemoryChangelog implements ChangelogSink {

  private final List<ChangelogRecord> records = new ArrayList<>();

  @Override
  public void send(String storeName, byte[] key, byte[] value, long timestamp) {
    records.add(new ChangelogRecord(key, value, timestamp, records.size()));
  }

  /** All records in offset order. */
  public List<ChangelogRecord> records() {
    return List.copyOf(records);
  }

  /** Records with an offset greater than {@code offset} (all when {@code offset < 0}). */
  public List<ChangelogRecord> after(long offset) {
    return List.copyOf(records.subList((int) Math.max(0, offset + 1), records.size()));
  }

  /** Offset of the last record, or -1 when empty. */
  public long lastOffset() {
    return records.size() - 1;
  }

  /** Number of records. */
  public int size() {
    return records.size();
  }
}

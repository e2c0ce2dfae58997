package dev.sluice.state.internal.bytes;

import java.util.List;
import java.util.Map;

/** A cursor over a materialized list of entries (a snapshot). */
public final class ListBytesIterator implements BytesIterator {

  private final List<Map.Entry<byte[], byte[]>> entries;
  private int position;

  /**
   * Creates the cursor.
   *
   * @param entries the entries, already in iteration order
   */
  public ListBytesIterator(List<Map.Entry<byte[], byte[]>> entries) {
    this.entries = entries;
  }

  @Override
  public boolean valid() {
    return position < entries.size();
  }

  @Override
  public byte[] key() {
    return entries.get(position).getKey();
  }

  @Override
  public byte[] value() {
    return entries.get(position).getValue();
  }

  @Override
  public void next() {
    position++;
  }

  @Override
  public void close() {
    position = entries.size();
  }
}

package dev.sluice.state.internal.logging;

import dev.sluice.state.ChangelogRecord;
import dev.sluice.state.ChangelogSink;
import dev.sluice.state.internal.bytes.BytesIterator;
import dev.sluice.state.internal.bytes.BytesRange;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.BytesWrite;
import dev.sluice.state.internal.bytes.KeySchema;
import java.util.List;
import java.util.OptionalLong;

/**
 * Mirrors every write to a {@link ChangelogSink} after it reached the store below, with the store
 * key bytes unchanged, so {@link #restore} can replay the changelog as is. Restored records are not
 * logged again. Written once for every store kind and engine. Single-threaded.
 */
public final class LoggingBytesStore implements BytesStore {

  private final BytesStore inner;
  private final ChangelogSink sink;

  /**
   * Wraps a store.
   *
   * @param inner the store to write to
   * @param sink where changes go
   */
  public LoggingBytesStore(BytesStore inner, ChangelogSink sink) {
    this.inner = inner;
    this.sink = sink;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public KeySchema schema() {
    return inner.schema();
  }

  @Override
  public byte[] get(byte[] key) {
    return inner.get(key);
  }

  @Override
  public void write(List<BytesWrite> writes, long appliedOffset) {
    inner.write(writes, appliedOffset);
    for (BytesWrite write : writes) {
      sink.send(inner.name(), write.key(), write.value(), write.timestamp());
    }
  }

  @Override
  public void restore(List<ChangelogRecord> batch) {
    inner.restore(batch);
  }

  @Override
  public void finishRestore() {
    inner.finishRestore();
  }

  @Override
  public void flush() {
    inner.flush();
  }

  @Override
  public BytesIterator range(BytesRange range, boolean reverse) {
    return inner.range(range, reverse);
  }

  @Override
  public long approximateNumEntries() {
    return inner.approximateNumEntries();
  }

  @Override
  public OptionalLong appliedOffset() {
    return inner.appliedOffset();
  }

  @Override
  public String property(String property) {
    return inner.property(property);
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public void close() {
    inner.close();
  }
}

package dev.sluice.state.internal.index;

import dev.sluice.state.ChangelogRecord;
import dev.sluice.state.internal.Checks;
import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesIterator;
import dev.sluice.state.internal.bytes.BytesRange;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.BytesWrite;
import dev.sluice.state.internal.bytes.KeySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Keeps a session store's time index next to its sessions: the engine layer of every session store,
 * on either engine, so sessions can be read in end order across keys (see {@link
 * KeySchema#timeIndexKey}) without visiting every session of a segment.
 *
 * <p>Why here, directly on the engine: every write and every restored changelog record is expanded
 * into the session entry plus its index entry ({@code 0x00 0x00 ++ end ++ start ++ key}, empty
 * value; deleted with the session), and both go to the engine in one {@link #write} or {@link
 * #restore} batch, so RocksDB applies them (and the changelog offset) atomically and a crash can
 * never leave a session without its index entry or the reverse. The index lives in the session's
 * own segment, so it expires with it. It is derived data: only sessions go to the changelog (this
 * layer sits below change logging), a restore rebuilds the index from the same records, and an
 * in-memory store rebuilds it with its sessions. A second, separately logged index store would have
 * two changelogs that a crash can leave disagreeing.
 *
 * <p>Reads: a range whose lower bound is an index key ({@link KeySchema#isTimeIndexKey}) reads the
 * index; every other range is clamped to session keys, so index entries never show up as sessions.
 * {@link #approximateNumEntries} counts sessions (half the engine's entries). Single-threaded.
 */
public final class TimeIndexedBytesStore implements BytesStore {

  private static final byte[] INDEX_VALUE = new byte[0];
  private static final byte[] FIRST_SESSION_KEY = KeySchema.timeIndexBound(Long.MAX_VALUE);

  private final BytesStore inner;

  /**
   * Wraps a session engine.
   *
   * @param inner the engine, with a session schema
   */
  public TimeIndexedBytesStore(BytesStore inner) {
    Checks.checkArgument(
        inner.schema().kind() == KeySchema.Kind.SESSION,
        "BUG: store '%s' is a %s store; only session stores keep a time index",
        inner.name(),
        inner.schema().kind());
    this.inner = inner;
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
    List<BytesWrite> expanded = new ArrayList<>(writes.size() * 2);
    for (BytesWrite write : writes) {
      expanded.add(write);
      expanded.add(
          new BytesWrite(
              KeySchema.timeIndexKey(write.key()), indexValue(write.value()), write.timestamp()));
    }
    inner.write(expanded, appliedOffset);
  }

  @Override
  public void restore(List<ChangelogRecord> batch) {
    List<ChangelogRecord> expanded = new ArrayList<>(batch.size() * 2);
    for (ChangelogRecord record : batch) {
      expanded.add(record);
      expanded.add(
          new ChangelogRecord(
              KeySchema.timeIndexKey(record.key()),
              indexValue(record.value()),
              record.timestamp(),
              record.offset()));
    }
    inner.restore(expanded);
  }

  private static byte[] indexValue(byte[] sessionValue) {
    return sessionValue == null ? null : INDEX_VALUE;
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
    if (range.lower() != null && schema().isTimeIndexKey(range.lower())) {
      return inner.range(range, reverse);
    }
    boolean belowSessions =
        range.lower() == null || Bytes.compare(range.lower(), FIRST_SESSION_KEY) < 0;
    return inner.range(
        belowSessions
            ? new BytesRange(FIRST_SESSION_KEY, range.upper(), range.timeFrom(), range.timeTo())
            : range,
        reverse);
  }

  @Override
  public long approximateNumEntries() {
    return inner.approximateNumEntries() / 2;
  }

  @Override
  public OptionalLong appliedOffset() {
    return inner.appliedOffset();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public String property(String property) {
    return inner.property(property);
  }

  @Override
  public void close() {
    inner.close();
  }
}

package dev.sluice.state.internal.typed;

import dev.sluice.state.ChangelogRecord;
import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.StateStore;
import dev.sluice.state.StoreState;
import dev.sluice.state.internal.Checks;
import dev.sluice.state.internal.bytes.BytesIterator;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.BytesWrite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the three typed façades share: the lifecycle state machine, open-iterator tracking,
 * restore/commit/close, and serde at the edge.
 *
 * <p>Invariants: reads and writes only in {@link StoreState#RUNNING}; restore only in {@code
 * OPEN}/{@code RESTORING}; after {@link #close()} every call fails fast and no iterator of this
 * store is open. Restored records at or below the applied offset are skipped, so a runtime that
 * replays from an earlier offset does no harm. Single-threaded.
 *
 * @param <K> key type
 * @param <V> value type
 */
public abstract class TypedStore<K, V> implements StateStore {

  /** The byte stack: engine, optionally change logging, optionally caching. */
  protected final BytesStore bytes;

  /** Serde of keys. */
  protected final Serde<K> keySerde;

  /** Serde of values. */
  protected final Serde<V> valueSerde;

  private final LongSupplier clock;
  private final Runnable onClose;
  // Read on every access (serde topic argument, state checks): kept here rather than asked of the
  // byte stack, a chain of delegating calls.
  private final String name;
  private final Set<TrackedIterator<?, ?>> iterators = new HashSet<>();
  private StoreState state = StoreState.OPEN;

  /**
   * Creates the façade.
   *
   * @param bytes the assembled byte stack
   * @param keySerde key serde
   * @param valueSerde value serde
   * @param clock record time for changelog and flush listener timestamps
   * @param onClose called once when the store closes
   */
  protected TypedStore(
      BytesStore bytes,
      Serde<K> keySerde,
      Serde<V> valueSerde,
      LongSupplier clock,
      Runnable onClose) {
    this.bytes = bytes;
    this.name = bytes.name();
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.clock = clock;
    this.onClose = onClose;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StoreState state() {
    return state;
  }

  @Override
  public boolean persistent() {
    return bytes.persistent();
  }

  @Override
  public int openIterators() {
    return iterators.size();
  }

  @Override
  public OptionalLong appliedOffset() {
    checkNotClosed();
    return bytes.appliedOffset();
  }

  @Override
  public void restore(List<ChangelogRecord> batch) {
    checkNotClosed();
    Checks.checkState(
        state != StoreState.RUNNING,
        "Store '%s' is running; restore happens before finishRestore(), never after",
        name());
    state = StoreState.RESTORING;
    long applied = bytes.appliedOffset().orElse(-1);
    List<ChangelogRecord> tail = new ArrayList<>(batch.size());
    for (ChangelogRecord record : batch) {
      if (record.offset() > applied) {
        tail.add(record);
        applied = record.offset();
      }
    }
    if (!tail.isEmpty()) {
      bytes.restore(tail);
    }
  }

  @Override
  public void finishRestore() {
    checkNotClosed();
    Checks.checkState(
        state != StoreState.RUNNING, "Store '%s' is already running; finishRestore() once", name());
    bytes.finishRestore();
    state = StoreState.RUNNING;
  }

  @Override
  public void flush() {
    checkRunning();
    bytes.flush();
  }

  @Override
  public void commit(long changelogOffset) {
    checkRunning();
    long applied = bytes.appliedOffset().orElse(-1);
    Checks.checkArgument(
        changelogOffset >= applied && changelogOffset >= 0,
        "Store '%s': commit offset %s is below the applied offset %s (or negative); pass the"
            + " highest acknowledged changelog offset, offsets only move forward",
        name(),
        changelogOffset,
        applied);
    bytes.write(List.of(), changelogOffset);
  }

  @Override
  public void close() {
    if (state == StoreState.CLOSED) {
      return;
    }
    state = StoreState.CLOSED;
    try {
      for (TrackedIterator<?, ?> iterator : new ArrayList<>(iterators)) {
        iterator.close();
      }
      bytes.close();
    } finally {
      onClose.run();
    }
  }

  /**
   * A RocksDB property of this store's engine.
   *
   * @param property the property name
   * @return the value, or null for in-memory stores
   */
  public String rocksDbProperty(String property) {
    checkNotClosed();
    return bytes.property(property);
  }

  /** Fails unless the store is running. */
  protected final void checkRunning() {
    checkNotClosed();
    Checks.checkState(
        state == StoreState.RUNNING,
        "Store '%s' is %s; call finishRestore() before reading or writing",
        name(),
        state);
  }

  private void checkNotClosed() {
    Checks.checkState(
        state != StoreState.CLOSED,
        "Store '%s' is closed; a closed store cannot be used, build a new one",
        name());
  }

  /**
   * Writes through the byte stack with the current record time.
   *
   * @param key store key
   * @param value value bytes or null
   */
  protected final void writeBytes(byte[] key, byte[] value) {
    bytes.write(List.of(new BytesWrite(key, value, clock.getAsLong())), BytesStore.NO_OFFSET);
  }

  /**
   * Writes several entries in one batch with the current record time.
   *
   * @param writes key/value byte pairs
   */
  protected final void writeBytes(List<byte[][]> writes) {
    long now = clock.getAsLong();
    List<BytesWrite> batch = new ArrayList<>(writes.size());
    for (byte[][] write : writes) {
      batch.add(new BytesWrite(write[0], write[1], now));
    }
    bytes.write(batch, BytesStore.NO_OFFSET);
  }

  /**
   * Wraps a cursor in a tracked typed iterator.
   *
   * @param cursor the cursor
   * @param decoder decodes an entry, or returns null to skip it
   * @param <A> iterator key type
   * @param <B> iterator value type
   * @return the iterator
   */
  protected final <A, B> KeyValueIterator<A, B> track(
      BytesIterator cursor, BiFunction<byte[], byte[], KeyValue<A, B>> decoder) {
    TrackedIterator<A, B> iterator =
        new TrackedIterator<>(name(), cursor, decoder, iterators::remove);
    iterators.add(iterator);
    return iterator;
  }

  /**
   * Serializes a key.
   *
   * @param key the key
   * @return bytes
   */
  protected final byte[] keyBytes(K key) {
    Checks.checkNotNull(key, "Store '%s' does not accept null keys", name());
    byte[] raw = keySerde.serializer().serialize(name(), key);
    return Checks.checkNotNull(
        raw, "Store '%s': the key serde serialized %s to null; keys need bytes", name(), key);
  }

  /**
   * Serializes a value; null stays null (a delete).
   *
   * @param value the value
   * @return bytes or null
   */
  protected final byte[] valueBytes(V value) {
    return value == null ? null : valueSerde.serializer().serialize(name(), value);
  }

  /**
   * Deserializes a key.
   *
   * @param raw the bytes
   * @return the key
   */
  protected final K key(byte[] raw) {
    return keySerde.deserializer().deserialize(name(), raw);
  }

  /**
   * Deserializes a value; null stays null.
   *
   * @param raw the bytes or null
   * @return the value or null
   */
  protected final V value(byte[] raw) {
    return raw == null ? null : valueSerde.deserializer().deserialize(name(), raw);
  }
}

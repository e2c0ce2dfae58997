package dev.sluice.state.internal.typed;

import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.internal.Checks;
import dev.sluice.state.internal.bytes.BytesIterator;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A typed iterator over a byte cursor that the owning store counts while it is open. The decoder
 * returns null for entries outside the query (timed stores filter on decoded times).
 */
final class TrackedIterator<K, V> implements KeyValueIterator<K, V> {

  private final String storeName;
  private final BytesIterator cursor;
  private final BiFunction<byte[], byte[], KeyValue<K, V>> decoder;
  private final Consumer<TrackedIterator<?, ?>> onClose;
  private KeyValue<K, V> next;
  private boolean closed;

  TrackedIterator(
      String storeName,
      BytesIterator cursor,
      BiFunction<byte[], byte[], KeyValue<K, V>> decoder,
      Consumer<TrackedIterator<?, ?>> onClose) {
    this.storeName = storeName;
    this.cursor = cursor;
    this.decoder = decoder;
    this.onClose = onClose;
  }

  @Override
  public boolean hasNext() {
    Checks.checkState(
        !closed,
        "Iterator over store '%s' is closed; open a new one (and use try-with-resources)",
        storeName);
    while (next == null && cursor.valid()) {
      next = decoder.apply(cursor.key(), cursor.value());
      cursor.next();
    }
    return next != null;
  }

  @Override
  public KeyValue<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException(
          "Iterator over store '%s' is exhausted".formatted(storeName));
    }
    KeyValue<K, V> result = next;
    next = null;
    return result;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      next = null;
      cursor.close();
      onClose.accept(this);
    }
  }
}

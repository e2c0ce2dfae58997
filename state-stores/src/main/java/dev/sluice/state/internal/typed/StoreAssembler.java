package dev.sluice.state.internal.typed;

import dev.sluice.state.ChangelogSink;
import dev.sluice.state.RocksDbOptionsHook;
import dev.sluice.state.StoreEventListener;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.KeySchema;
import dev.sluice.state.internal.caching.BytesFlushListener;
import dev.sluice.state.internal.caching.CachingBytesStore;
import dev.sluice.state.internal.caching.RecordCacheBudget;
import dev.sluice.state.internal.index.TimeIndexedBytesStore;
import dev.sluice.state.internal.logging.LoggingBytesStore;
import dev.sluice.state.internal.memory.InMemoryBytesStore;
import dev.sluice.state.internal.rocksdb.RocksDbMemory;
import dev.sluice.state.internal.rocksdb.RocksDbOpener;
import java.nio.file.Path;

/**
 * The one place where a store's byte stack is composed: engine (with its {@link
 * TimeIndexedBytesStore time index} for session stores) → change logging → caching. Every store
 * kind goes through here; no other class wraps a {@link BytesStore}.
 */
public final class StoreAssembler {

  private StoreAssembler() {}

  /**
   * What to assemble.
   *
   * @param name store name
   * @param directory the store directory (RocksDB only)
   * @param schema key layout of the kind
   * @param persistent RocksDB if true, in memory otherwise
   * @param sink changelog sink, or null for an unlogged store
   * @param caching whether to put a record cache in front
   * @param flushListener cache flush listener, or null
   * @param hook RocksDB options hook, or null
   */
  public record Spec(
      String name,
      Path directory,
      KeySchema schema,
      boolean persistent,
      ChangelogSink sink,
      boolean caching,
      BytesFlushListener flushListener,
      RocksDbOptionsHook hook) {}

  /**
   * Builds the byte stack.
   *
   * @param spec what to build
   * @param memory the shared RocksDB memory budget
   * @param cacheBudget the shared record cache budget
   * @param events told about wiped directories
   * @return the outermost layer
   */
  public static BytesStore assemble(
      Spec spec, RocksDbMemory memory, RecordCacheBudget cacheBudget, StoreEventListener events) {
    BytesStore store =
        spec.persistent()
            ? RocksDbOpener.open(
                spec.name(), spec.directory(), spec.schema(), memory, spec.hook(), events)
            : new InMemoryBytesStore(spec.name(), spec.schema());
    if (spec.schema().kind() == KeySchema.Kind.SESSION) {
      store = new TimeIndexedBytesStore(store);
    }
    if (spec.sink() != null) {
      store = new LoggingBytesStore(store, spec.sink());
    }
    if (spec.caching()) {
      store = new CachingBytesStore(store, cacheBudget, spec.flushListener());
    }
    return store;
  }
}

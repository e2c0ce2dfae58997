package dev.sluice.state;

import dev.sluice.state.internal.Checks;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.KeySchema;
import dev.sluice.state.internal.caching.RecordCacheBudget;
import dev.sluice.state.internal.rocksdb.RocksDbMemory;
import dev.sluice.state.internal.typed.StoreAssembler;
import dev.sluice.state.internal.typed.TypedKeyValueStore;
import dev.sluice.state.internal.typed.TypedSessionStore;
import dev.sluice.state.internal.typed.TypedStore;
import dev.sluice.state.internal.typed.TypedWindowStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;

/**
 * The entry point: the process-wide memory budgets and the factory of every store.
 *
 * <p>Create one per process (the streams runtime does) from the application's configuration: all
 * RocksDB stores it builds share one block cache and one write-buffer manager sized by {@value
 * #MEMORY_BYTES_CONFIG}, and all record caches share {@value #CACHE_BYTES_CONFIG}. Close it after
 * the stores; closing it closes any store still open. Thread-safe; the stores it builds are not.
 */
public final class StateStores implements AutoCloseable {

  /** Off-heap bytes for all RocksDB stores: block cache, index/filter blocks and memtables. */
  public static final String MEMORY_BYTES_CONFIG = "state.memory.bytes";

  /** Default of {@link #MEMORY_BYTES_CONFIG}: 256 MiB. */
  public static final long MEMORY_BYTES_DEFAULT = 256L << 20;

  /** Heap bytes for all record caches together. */
  public static final String CACHE_BYTES_CONFIG = "state.cache.bytes";

  /** Default of {@link #CACHE_BYTES_CONFIG}: 10 MiB. */
  public static final long CACHE_BYTES_DEFAULT = 10L << 20;

  /**
   * How many changelog records a store may move past the last applied offset it recorded before a
   * task commit records it again ({@link StateStore#commit(long)}: one small write, no flush). A
   * RocksDB store's offset becomes durable with its data when RocksDB next flushes (a memtable
   * filled, a restore ended, the store closed). Closing or suspending a task always records the
   * offset, so a clean restart restores nothing; after a crash a store restores the changelog after
   * the offset of its last flush: about a memtable of records, plus up to this many. 0 records the
   * offset at every commit.
   */
  public static final String CHECKPOINT_RECORDS_CONFIG = "state.checkpoint.records";

  /** Default of {@link #CHECKPOINT_RECORDS_CONFIG}: 10,000 (as Kafka Streams). */
  public static final long CHECKPOINT_RECORDS_DEFAULT = 10_000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final System.Logger LOG = System.getLogger(StateStores.class.getName());

  private final RocksDbMemory memory;
  private final RecordCacheBudget cacheBudget;
  private final StoreEventListener events;
  private final long checkpointRecords;
  private final AtomicInteger openStores = new AtomicInteger();
  private final java.util.Set<StateStore> stores =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private StateStores(
      long memoryBytes, long cacheBytes, long checkpointRecords, StoreEventListener events) {
    Checks.checkArgument(
        checkpointRecords >= 0,
        "%s was %s; use 0 or more (default %s)",
        CHECKPOINT_RECORDS_CONFIG,
        checkpointRecords,
        CHECKPOINT_RECORDS_DEFAULT);
    this.cacheBudget = new RecordCacheBudget(cacheBytes);
    this.memory = new RocksDbMemory(memoryBytes);
    this.events = events;
    this.checkpointRecords = checkpointRecords;
  }

  /**
   * Creates the factory from configuration; unknown keys are ignored, so the whole application
   * config can be passed.
   *
   * @param config may hold {@value #MEMORY_BYTES_CONFIG}, {@value #CACHE_BYTES_CONFIG} and {@value
   *     #CHECKPOINT_RECORDS_CONFIG} (numbers or numeric strings)
   * @return the factory
   */
  public static StateStores create(Map<String, ?> config) {
    return create(
        config,
        (store, directory, reason) ->
            LOG.log(
                System.Logger.Level.WARNING,
                "Store ''{0}'': wiped {1} and will restore it from the changelog: {2}",
                store,
                directory,
                reason));
  }

  /**
   * Creates the factory with a listener for wiped store directories.
   *
   * @param config see {@link #create(Map)}
   * @param events told when a directory is wiped
   * @return the factory
   */
  public static StateStores create(Map<String, ?> config, StoreEventListener events) {
    Checks.checkNotNull(events, "StoreEventListener must not be null");
    return new StateStores(
        longConfig(config, MEMORY_BYTES_CONFIG, MEMORY_BYTES_DEFAULT),
        longConfig(config, CACHE_BYTES_CONFIG, CACHE_BYTES_DEFAULT),
        longConfig(config, CHECKPOINT_RECORDS_CONFIG, CHECKPOINT_RECORDS_DEFAULT),
        events);
  }

  private static long longConfig(Map<String, ?> config, String key, long defaultValue) {
    Object value = config.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return value instanceof Number number
          ? number.longValue()
          : Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "%s was '%s'; use a number of bytes, e.g. %s".formatted(key, value, defaultValue), e);
    }
  }

  /**
   * A key-value store builder.
   *
   * @param name store name: letters, digits, '.', '_' or '-'
   * @param keySerde key serde; its byte order is the range order
   * @param valueSerde value serde
   * @param <K> key type
   * @param <V> value type
   * @return the builder
   */
  public <K, V> StoreBuilder<KeyValueStore<K, V>, K, V> keyValueStore(
      String name, Serde<K> keySerde, Serde<V> valueSerde) {
    checkCommon(name, keySerde, valueSerde);
    return new StoreBuilder<>(
        this,
        name,
        KeySchema.Kind.KEY_VALUE,
        Long.MAX_VALUE,
        (bytes, clock, onClose) ->
            new TypedKeyValueStore<>(bytes, keySerde, valueSerde, clock, onClose),
        listener -> TypedKeyValueStore.adapt(name, keySerde, valueSerde, listener));
  }

  /**
   * A window store builder.
   *
   * @param name store name
   * @param keySerde key serde
   * @param valueSerde value serde
   * @param windowSize window size, positive
   * @param retention how long windows are kept, at least the window size
   * @param <K> key type
   * @param <V> value type
   * @return the builder
   */
  public <K, V> StoreBuilder<WindowStore<K, V>, Windowed<K>, V> windowStore(
      String name,
      Serde<K> keySerde,
      Serde<V> valueSerde,
      Duration windowSize,
      Duration retention) {
    checkCommon(name, keySerde, valueSerde);
    Checks.checkArgument(
        windowSize != null && windowSize.toMillis() > 0,
        "Window store '%s': window size was %s; use a positive duration",
        name,
        windowSize);
    Checks.checkArgument(
        retention != null && retention.compareTo(windowSize) >= 0,
        "Window store '%s': retention %s is shorter than the window size %s; raise the retention",
        name,
        retention,
        windowSize);
    return new StoreBuilder<>(
        this,
        name,
        KeySchema.Kind.WINDOW,
        retention.toMillis(),
        (bytes, clock, onClose) ->
            new TypedWindowStore<>(bytes, keySerde, valueSerde, windowSize, clock, onClose),
        listener -> TypedWindowStore.adapt(name, keySerde, valueSerde, windowSize, listener));
  }

  /**
   * A session store builder.
   *
   * @param name store name
   * @param keySerde key serde
   * @param valueSerde aggregate serde
   * @param retention how long sessions are kept after their end, positive
   * @param <K> key type
   * @param <V> aggregate type
   * @return the builder
   */
  public <K, V> StoreBuilder<SessionStore<K, V>, Windowed<K>, V> sessionStore(
      String name, Serde<K> keySerde, Serde<V> valueSerde, Duration retention) {
    checkCommon(name, keySerde, valueSerde);
    Checks.checkArgument(
        retention != null && retention.toMillis() > 0,
        "Session store '%s': retention was %s; use a positive duration",
        name,
        retention);
    return new StoreBuilder<>(
        this,
        name,
        KeySchema.Kind.SESSION,
        retention.toMillis(),
        (bytes, clock, onClose) ->
            new TypedSessionStore<>(bytes, keySerde, valueSerde, clock, onClose),
        listener -> TypedSessionStore.adapt(name, keySerde, valueSerde, listener));
  }

  private static void checkCommon(String name, Serde<?> keySerde, Serde<?> valueSerde) {
    Checks.checkArgument(
        name != null && NAME.matcher(name).matches(),
        "Store name '%s' is invalid; use 1-200 letters, digits, '.', '_' or '-'",
        name);
    Checks.checkNotNull(keySerde, "Store '%s': key serde is null", name);
    Checks.checkNotNull(valueSerde, "Store '%s': value serde is null", name);
  }

  <S extends StateStore> S open(
      StoreAssembler.Spec spec, StoreBuilder.Facade<S> facade, LongSupplier clock) {
    Checks.checkState(
        !closed, "StateStores is closed; create a new one to open store '%s'", spec.name());
    BytesStore bytes = StoreAssembler.assemble(spec, memory, cacheBudget, events);
    AtomicReference<StateStore> self = new AtomicReference<>();
    S store =
        facade.create(
            bytes,
            clock,
            () -> {
              stores.remove(self.get());
              openStores.decrementAndGet();
            });
    self.set(store);
    stores.add(store);
    openStores.incrementAndGet();
    return store;
  }

  /**
   * Reads a RocksDB property (e.g. {@code rocksdb.block-cache-usage}, {@code
   * rocksdb.size-all-mem-tables}) of a store built by this factory, for metrics.
   *
   * @param store the store
   * @param property the RocksDB property name
   * @return the value, or null for an in-memory store
   */
  public String rocksDbProperty(StateStore store, String property) {
    Checks.checkArgument(
        store instanceof TypedStore<?, ?> && stores.contains(store),
        "Store %s was not built by this StateStores or is closed; pass an open store it built",
        store == null ? null : store.name());
    return ((TypedStore<?, ?>) store).rocksDbProperty(property);
  }

  /**
   * The configured RocksDB memory budget.
   *
   * @return bytes
   */
  public long memoryBudgetBytes() {
    return memory.budgetBytes();
  }

  /**
   * The configured record cache budget.
   *
   * @return bytes
   */
  public long cacheBudgetBytes() {
    return cacheBudget.maxBytes();
  }

  /**
   * The configured checkpoint interval.
   *
   * @return changelog records between checkpoints of a store (see {@value
   *     #CHECKPOINT_RECORDS_CONFIG})
   */
  public long checkpointRecords() {
    return checkpointRecords;
  }

  /**
   * Bytes currently held by all record caches.
   *
   * @return bytes
   */
  public long cacheUsedBytes() {
    return cacheBudget.usedBytes();
  }

  /**
   * Number of stores built by this factory and not yet closed.
   *
   * @return the count
   */
  public int openStores() {
    return openStores.get();
  }

  /** Closes stores still open, then releases the shared block cache and write-buffer manager. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (StateStore store : java.util.List.copyOf(stores)) {
      store.close();
    }
    memory.close();
  }
}

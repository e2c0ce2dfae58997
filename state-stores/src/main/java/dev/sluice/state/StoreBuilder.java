package dev.sluice.state;

import dev.sluice.state.internal.Checks;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.KeySchema;
import dev.sluice.state.internal.caching.BytesFlushListener;
import dev.sluice.state.internal.typed.StoreAssembler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Configures one store, obtained from {@link StateStores}. Defaults: persistent (RocksDB), not
 * logged, not cached, record time from the wall clock. Builders are cheap and single-use is not
 * required: each {@link #build} opens a new store.
 *
 * @param <S> the store type
 * @param <F> the key type the flush listener sees ({@code K} or {@code Windowed<K>})
 * @param <V> value type
 */
public final class StoreBuilder<S extends StateStore, F, V> {

  /** Creates the typed façade over an assembled byte stack. */
  interface Facade<S> {
    S create(BytesStore bytes, LongSupplier clock, Runnable onClose);
  }

  private final StateStores owner;
  private final String name;
  private final KeySchema.Kind kind;
  private final long retentionMillis;
  private final Facade<S> facade;
  private final Function<FlushListener<F, V>, BytesFlushListener> listenerAdapter;
  private long segmentIntervalMillis;
  private boolean persistent = true;
  private ChangelogSink sink;
  private boolean caching;
  private FlushListener<F, V> flushListener;
  private LongSupplier clock = System::currentTimeMillis;
  private RocksDbOptionsHook hook;

  StoreBuilder(
      StateStores owner,
      String name,
      KeySchema.Kind kind,
      long retentionMillis,
      Facade<S> facade,
      Function<FlushListener<F, V>, BytesFlushListener> listenerAdapter) {
    this.owner = owner;
    this.name = name;
    this.kind = kind;
    this.retentionMillis = retentionMillis;
    this.segmentIntervalMillis = Math.max(1, retentionMillis / 2);
    this.facade = facade;
    this.listenerAdapter = listenerAdapter;
  }

  /**
   * Keeps the data in memory only; it is rebuilt from the changelog after a restart.
   *
   * @return this builder
   */
  public StoreBuilder<S, F, V> inMemory() {
    this.persistent = false;
    return this;
  }

  /**
   * Mirrors every write to a changelog sink.
   *
   * @param changelog the sink, not null
   * @return this builder
   */
  public StoreBuilder<S, F, V> withChangelog(ChangelogSink changelog) {
    this.sink = Checks.checkNotNull(changelog, "Store '%s': changelog sink is null", name);
    return this;
  }

  /**
   * Puts a record cache (sized by {@code state.cache.bytes}, shared by all stores) in front.
   *
   * @return this builder
   */
  public StoreBuilder<S, F, V> withCaching() {
    this.caching = true;
    return this;
  }

  /**
   * Puts a record cache in front and reports every flushed or evicted entry.
   *
   * @param listener receives key, new value, old value and timestamp
   * @return this builder
   */
  public StoreBuilder<S, F, V> withCaching(FlushListener<F, V> listener) {
    this.flushListener = Checks.checkNotNull(listener, "Store '%s': flush listener is null", name);
    this.caching = true;
    return this;
  }

  /**
   * Where write timestamps come from (the runtime passes the current record's timestamp).
   *
   * @param recordTime the clock
   * @return this builder
   */
  public StoreBuilder<S, F, V> withTimestamps(LongSupplier recordTime) {
    this.clock = Checks.checkNotNull(recordTime, "Store '%s': record time is null", name);
    return this;
  }

  /**
   * Sets the length of the time segments of a window or session store (default half the retention).
   * Changing it for an existing directory wipes and restores the store.
   *
   * @param interval the segment interval, positive
   * @return this builder
   */
  public StoreBuilder<S, F, V> withSegmentInterval(Duration interval) {
    Checks.checkArgument(
        kind != KeySchema.Kind.KEY_VALUE,
        "Store '%s' is a key-value store; segments only exist in window and session stores",
        name);
    Checks.checkArgument(
        interval != null && interval.toMillis() > 0,
        "Store '%s': segment interval was %s; use a positive duration",
        name,
        interval);
    this.segmentIntervalMillis = interval.toMillis();
    return this;
  }

  /**
   * Expert hook to tune this store's RocksDB options.
   *
   * @param optionsHook the hook
   * @return this builder
   */
  public StoreBuilder<S, F, V> withRocksDbOptions(RocksDbOptionsHook optionsHook) {
    this.hook = optionsHook;
    return this;
  }

  /**
   * Opens the store in {@code <taskDirectory>/<name>}, in state {@link StoreState#OPEN}. A
   * directory that is corrupt, of another kind or of an unknown format is wiped and reported.
   *
   * @param taskDirectory the task's directory; ignored (may be null) for in-memory stores
   * @return the store
   */
  public S build(Path taskDirectory) {
    Checks.checkArgument(
        !persistent || taskDirectory != null,
        "Store '%s' is persistent and needs a task directory; pass <state.dir>/<taskId>",
        name);
    KeySchema schema =
        kind == KeySchema.Kind.KEY_VALUE
            ? KeySchema.keyValue()
            : KeySchema.timed(kind, retentionMillis, segmentIntervalMillis);
    BytesFlushListener listener =
        flushListener == null ? null : listenerAdapter.apply(flushListener);
    StoreAssembler.Spec spec =
        new StoreAssembler.Spec(
            name,
            persistent ? taskDirectory.resolve(name) : null,
            schema,
            persistent,
            sink,
            caching,
            listener,
            hook);
    return owner.open(spec, facade, clock);
  }
}

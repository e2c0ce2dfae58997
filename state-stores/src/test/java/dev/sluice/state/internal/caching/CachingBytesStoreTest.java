package dev.sluice.state.internal.caching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.ChangelogRecord;
import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesIterator;
import dev.sluice.state.internal.bytes.BytesRange;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.BytesWrite;
import dev.sluice.state.internal.bytes.KeySchema;
import dev.sluice.state.internal.memory.InMemoryBytesStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The cache hands its flush listener the value the store held before, and reads the store for it
 * only when it does not know it already: a key read before it is written (as every aggregation and
 * table update does) costs no second read at flush.
 */
class CachingBytesStoreTest {

  private final CountingReads engine = new CountingReads(KeySchema.keyValue());
  private final List<String> flushes = new ArrayList<>();

  private CachingBytesStore cache(boolean listening) {
    return cache(engine, listening);
  }

  private CachingBytesStore cache(BytesStore below, boolean listening) {
    return new CachingBytesStore(
        below,
        new RecordCacheBudget(1 << 20),
        listening
            ? (key, newValue, oldValue, timestamp) ->
                flushes.add(text(key) + ": " + text(oldValue) + " -> " + text(newValue))
            : null);
  }

  @Test
  void aKeyReadBeforeItIsWrittenIsNotReadAgainAtFlush() {
    try (CachingBytesStore cache = cache(true)) {
      assertThat(cache.get(bytes("a"))).isNull();
      put(cache, "a", "1");
      cache.flush();
      assertThat(cache.get(bytes("a"))).isEqualTo(bytes("1"));
      put(cache, "a", "2");
      put(cache, "a", "3");
      cache.flush();
      assertThat(flushes).containsExactly("a: null -> 1", "a: 1 -> 3");
      assertThat(engine.reads).as("only the first get reached the store").isEqualTo(1);
    }
  }

  @Test
  void aWindowReadJustBeforeItIsWrittenIsNotReadAgainAtFlush() {
    // A window store caches no clean entries; what a read found below is kept for the write that
    // follows it (a windowed aggregation reads its window, then writes it), and only for that one.
    CountingReads windows =
        new CountingReads(KeySchema.timed(KeySchema.Kind.WINDOW, 60_000, 10_000));
    windows.write(List.of(window("a", "1")), BytesStore.NO_OFFSET);
    windows.write(List.of(window("c", "1")), BytesStore.NO_OFFSET);
    try (CachingBytesStore cache = cache(windows, true)) {
      assertThat(cache.get(window("a", null).key())).isEqualTo(bytes("1"));
      cache.write(List.of(window("a", "2")), BytesStore.NO_OFFSET);
      assertThat(cache.get(window("b", null).key())).isNull();
      cache.write(List.of(window("b", "1")), BytesStore.NO_OFFSET);
      assertThat(cache.get(window("a", null).key())).as("cached: dirty").isEqualTo(bytes("2"));
      assertThat(cache.get(window("d", null).key())).isNull();
      cache.write(List.of(window("c", "2")), BytesStore.NO_OFFSET); // read d, wrote c
      cache.flush();
      assertThat(flushes)
          .extracting(flush -> flush.substring(flush.lastIndexOf(": ") + 2))
          .containsExactly("null -> 1", "1 -> 2", "1 -> 2"); // b, then a (read last), then c
      assertThat(windows.reads).as("a, b and d when read; c at the flush").isEqualTo(4);
    }
  }

  private static BytesWrite window(String key, String value) {
    byte[] raw = bytes(key);
    byte[] windowKey = Arrays.copyOf(raw, raw.length + 8);
    Bytes.putLong(windowKey, raw.length, 1_000);
    return new BytesWrite(windowKey, value == null ? null : bytes(value), 1_000);
  }

  @Test
  void aKeyWrittenWithoutBeingReadIsReadOnceAtFlush() {
    engine.write(List.of(new BytesWrite(bytes("b"), bytes("0"), 0)), BytesStore.NO_OFFSET);
    try (CachingBytesStore cache = cache(true)) {
      put(cache, "b", "1");
      cache.flush();
      put(cache, "b", "2");
      cache.flush();
      assertThat(flushes).containsExactly("b: 0 -> 1", "b: 1 -> 2");
      assertThat(engine.reads).isEqualTo(1);
    }
  }

  @Test
  void withoutAListenerTheFlushReadsNothing() {
    try (CachingBytesStore cache = cache(false)) {
      put(cache, "c", "1");
      cache.flush();
      assertThat(engine.reads).isZero();
      assertThat(engine.get(bytes("c"))).isEqualTo(bytes("1"));
    }
  }

  @Test
  void aFlushReportsTheDirtyEntriesOnlyInLeastRecentlyUsedOrder() {
    try (CachingBytesStore cache = cache(true)) {
      put(cache, "a", "1");
      put(cache, "b", "1");
      put(cache, "c", "1");
      put(cache, "d", "1");
      cache.flush();
      flushes.clear();
      put(cache, "c", "2");
      put(cache, "a", "2");
      cache.get(bytes("b")); // clean: read, not flushed
      put(cache, "d", "2");
      cache.get(bytes("c")); // dirty and read: now the youngest
      cache.flush();
      assertThat(flushes).containsExactly("a: 1 -> 2", "d: 1 -> 2", "c: 1 -> 2");
      cache.flush();
      assertThat(flushes).as("nothing dirty is left").hasSize(3);
    }
  }

  @Test
  void aFlushListenerReadingTheStoreMayEvictEntriesTheFlushHasNotReachedYet() {
    // Room for two one-byte entries: a third evicts the eldest two.
    RecordCacheBudget budget = new RecordCacheBudget(2 * (RecordCacheBudget.ENTRY_OVERHEAD + 2));
    CachingBytesStore[] holder = new CachingBytesStore[1];
    boolean[] reading = {true};
    try (CachingBytesStore cache =
        new CachingBytesStore(
            engine,
            budget,
            (key, newValue, oldValue, timestamp) -> {
              flushes.add(text(key) + ": " + text(oldValue) + " -> " + text(newValue));
              if (reading[0]) {
                // a downstream step reading this store, for a key it does not cache yet
                holder[0].get(bytes("zzz"));
              }
            })) {
      holder[0] = cache;
      put(cache, "a", "1");
      put(cache, "b", "1");
      cache.flush(); // flushing a; reading zzz evicts a and b (dirty: written below first)
      reading[0] = false;
      put(cache, "c", "1");
      cache.flush();

      assertThat(engine.get(bytes("b"))).isEqualTo(bytes("1"));
      assertThat(engine.get(bytes("c"))).as("the next flush still writes").isEqualTo(bytes("1"));
      assertThat(flushes).containsOnlyOnce("b: null -> 1").endsWith("c: null -> 1");
    }
  }

  @Test
  void aFlushReportsWhatItWroteEvenIfTheListenerWritesTheStore() {
    CachingBytesStore[] holder = new CachingBytesStore[1];
    try (CachingBytesStore cache =
        new CachingBytesStore(
            engine,
            new RecordCacheBudget(1 << 20),
            (key, newValue, oldValue, timestamp) -> {
              flushes.add(text(key) + ": " + text(oldValue) + " -> " + text(newValue));
              if (text(key).equals("a") && text(newValue).equals("1")) {
                put(holder[0], "b", "9"); // a downstream step writing this store
              }
            })) {
      holder[0] = cache;
      put(cache, "a", "1");
      put(cache, "b", "1");
      cache.flush();
      assertThat(flushes).containsExactly("a: null -> 1", "b: null -> 1");
      assertThat(engine.get(bytes("b"))).isEqualTo(bytes("1"));
      cache.flush();
      assertThat(flushes).containsExactly("a: null -> 1", "b: null -> 1", "b: 1 -> 9");
      assertThat(engine.get(bytes("b"))).isEqualTo(bytes("9"));
    }
  }

  private static void put(BytesStore store, String key, String value) {
    store.write(List.of(new BytesWrite(bytes(key), bytes(value), 0)), BytesStore.NO_OFFSET);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
  }

  /** The in-memory engine, counting the reads that reach it through {@link #get}. */
  private static final class CountingReads implements BytesStore {
    private final InMemoryBytesStore inner;
    int reads;

    CountingReads(KeySchema schema) {
      inner = new InMemoryBytesStore("counting", schema);
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
      reads++;
      return inner.get(key);
    }

    @Override
    public void write(List<BytesWrite> writes, long appliedOffset) {
      inner.write(writes, appliedOffset);
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
    public boolean persistent() {
      return false;
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}

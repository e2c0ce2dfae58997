package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.RecordingFlushListener.Flush;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record cache: absorbing updates, flush and eviction notifications, the shared budget. */
class RecordCacheTest {

  @TempDir Path taskDir;

  private final AtomicLong clock = new AtomicLong(100);
  private final InMemoryChangelog changelog = new InMemoryChangelog();
  private final RecordingFlushListener<String, Long> listener = new RecordingFlushListener<>();
  private StateStores stores;

  @AfterEach
  void close() {
    assertThat(stores.openStores()).isZero();
    stores.close();
  }

  private KeyValueStore<String, Long> open(String name, long cacheBytes) {
    if (stores == null) {
      stores = StateStores.create(Map.of(StateStores.CACHE_BYTES_CONFIG, cacheBytes));
    }
    KeyValueStore<String, Long> store =
        stores
            .keyValueStore(name, Serdes.String(), Serdes.Long())
            .withChangelog(changelog)
            .withCaching(listener)
            .withTimestamps(clock::get)
            .build(taskDir);
    store.finishRestore();
    return store;
  }

  @Test
  void repeatedUpdatesBetweenFlushesBecomeOneUpdateWithThePreviousFlushedValue() {
    try (KeyValueStore<String, Long> store = open("counts", 1 << 20)) {
      for (long i = 1; i <= 5; i++) {
        clock.set(100 + i);
        store.put("a", i);
      }
      assertThat(store.get("a")).isEqualTo(5L);
      assertThat(listener.flushes()).isEmpty();
      store.flush();
      assertThat(listener.flushes()).containsExactly(new Flush<>("a", 5L, null, 105));
      assertThat(changelog.size()).isEqualTo(1);
      assertThat(changelog.records().get(0).timestamp()).isEqualTo(105);

      listener.clear();
      store.put("a", 6L);
      store.flush();
      store.delete("a");
      store.put("never-flushed", 1L);
      store.delete("never-flushed");
      store.flush();
      assertThat(listener.flushes())
          .containsExactly(new Flush<>("a", 6L, 5L, 105), new Flush<>("a", null, 6L, 105));
      store.flush();
      assertThat(listener.flushes()).hasSize(2);
    }
  }

  @Test
  void evictionWritesDirtyEntriesThroughAndNotifies() {
    try (KeyValueStore<String, Long> store = open("counts", 400)) {
      for (long i = 0; i < 20; i++) {
        store.put("k" + i, i);
      }
      assertThat(listener.flushes()).as("evicted before any flush").isNotEmpty();
      assertThat(listener.flushes().get(0)).isEqualTo(new Flush<>("k0", 0L, null, 100));
      assertThat(stores.cacheUsedBytes()).isLessThanOrEqualTo(400);
      for (long i = 0; i < 20; i++) {
        assertThat(store.get("k" + i)).isEqualTo(i);
      }
      store.flush();
      assertThat(listener.flushes()).extracting(Flush::key).doesNotHaveDuplicates().hasSize(20);
    }
  }

  @Test
  void allStoresShareOneBudget() {
    try (KeyValueStore<String, Long> first = open("first", 2000);
        KeyValueStore<String, Long> second = open("second", 2000)) {
      for (long i = 0; i < 200; i++) {
        first.put("k" + i, i);
        second.put("k" + i, -i);
        assertThat(stores.cacheUsedBytes()).isLessThanOrEqualTo(2000);
      }
      assertThat(stores.cacheUsedBytes()).isPositive();
      assertThat(first.get("k7")).isEqualTo(7L);
      assertThat(second.get("k7")).isEqualTo(-7L);
    }
    assertThat(stores.cacheUsedBytes()).as("closing stores releases their share").isZero();
  }

  @Test
  void commitWritesCachedEntriesAndTheOffsetTogether() {
    try (KeyValueStore<String, Long> store = open("counts", 1 << 20)) {
      store.put("a", 1L);
      store.commit(41);
      assertThat(store.appliedOffset()).hasValue(41);
      assertThat(changelog.size()).isEqualTo(1);
    }
    try (KeyValueStore<String, Long> reopened = open("counts", 1 << 20)) {
      assertThat(reopened.appliedOffset()).hasValue(41);
      assertThat(reopened.get("a")).isEqualTo(1L);
    }
  }

  @Test
  void windowStoreListenersSeeWindowedKeys() {
    stores = StateStores.create(Map.of());
    RecordingFlushListener<Windowed<String>, Long> windows = new RecordingFlushListener<>();
    try (WindowStore<String, Long> store =
        stores
            .windowStore(
                "w", Serdes.String(), Serdes.Long(), Duration.ofMillis(10), Duration.ofSeconds(1))
            .withCaching(windows)
            .withTimestamps(clock::get)
            .build(taskDir)) {
      store.finishRestore();
      store.put("a", 1L, 20);
      store.put("a", 2L, 20);
      store.flush();
      assertThat(windows.flushes())
          .containsExactly(new Flush<>(Windowed.of("a", 20, 30), 2L, null, 100));
    }
  }
}

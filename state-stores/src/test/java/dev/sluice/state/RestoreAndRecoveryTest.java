package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change logging, the atomically stored changelog offset, crash recovery and the wipe-and-rebuild
 * of untrustworthy directories, on logged RocksDB key-value stores.
 */
class RestoreAndRecoveryTest {

  private static final int N = 1000;

  @TempDir Path stateDir;

  private final List<String> wiped = new ArrayList<>();
  private final StateStores stores =
      StateStores.create(Map.of(), (store, dir, reason) -> wiped.add(store + ": " + reason));
  private final InMemoryChangelog changelog = new InMemoryChangelog();

  @AfterEach
  void close() {
    assertThat(stores.openStores()).as("stores left open").isZero();
    stores.close();
  }

  private KeyValueStore<String, String> open(Path taskDir) {
    return stores
        .keyValueStore("counts", Serdes.String(), Serdes.String())
        .withChangelog(changelog)
        .withCaching()
        .build(taskDir);
  }

  /** Restores from the changelog, starting after the applied offset; returns records applied. */
  private int restoreTail(KeyValueStore<String, String> store) {
    List<ChangelogRecord> tail = changelog.after(store.appliedOffset().orElse(-1));
    for (int from = 0; from < tail.size(); from += 100) {
      store.restore(tail.subList(from, Math.min(tail.size(), from + 100)));
    }
    store.finishRestore();
    return tail.size();
  }

  /** Writes N keys through a fresh store, commits at the last changelog offset, closes cleanly. */
  private void writeAllKeysCommitAndClose(Path taskDir) {
    try (KeyValueStore<String, String> store = open(taskDir)) {
      store.finishRestore();
      for (int i = 0; i < N; i++) {
        store.put("k" + i, "v" + i);
      }
      store.flush();
      store.commit(changelog.lastOffset());
    }
  }

  private static void assertAllKeys(KeyValueStore<String, String> store, int count) {
    for (int i = 0; i < count; i++) {
      assertThat(store.get("k" + i)).as("key k%s", i).isEqualTo("v" + i);
    }
    assertThat(store.approximateNumEntries()).isPositive();
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  @Test
  void everyWriteReachesTheChangelogAfterTheCacheFlushes() {
    try (KeyValueStore<String, String> store = open(stateDir.resolve("0_0"))) {
      store.finishRestore();
      store.put("a", "1");
      store.put("a", "2");
      store.put("b", "1");
      store.delete("b");
      assertThat(changelog.size()).as("the cache absorbs writes until flush").isZero();
      store.flush();
      assertThat(changelog.records())
          .extracting(r -> new String(r.key(), StandardCharsets.UTF_8), ChangelogRecord::value)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("a", "2".getBytes(StandardCharsets.UTF_8)),
              org.assertj.core.groups.Tuple.tuple("b", null));
    }
  }

  @Test
  void aCommitForcesNoFlushSoACrashRestoresTheChangelogAfterTheLastFlush() throws IOException {
    Path live = stateDir.resolve("live");
    Path crashed = stateDir.resolve("crashed");
    KeyValueStore<String, String> store = open(live);
    store.finishRestore();
    for (int i = 0; i < N; i++) {
      store.put("k" + i, "v" + i);
      if (i == 599) {
        store.flush();
        store.commit(changelog.lastOffset());
      }
    }
    store.flush();
    assertThat(store.appliedOffset()).hasValue(599);
    // Simulate a crash: copy the directory while the store is open and nothing is closed; the
    // copy is what a restarted process would find. Nothing filled a memtable, so RocksDB has not
    // flushed since the store was created (no write-ahead log): the whole changelog is replayed.
    copyDirectory(live.resolve("counts"), crashed.resolve("counts"));
    store.close();

    try (KeyValueStore<String, String> recovered = open(crashed)) {
      assertThat(recovered.appliedOffset()).isEmpty();
      assertThat(restoreTail(recovered)).isEqualTo(N);
      assertAllKeys(recovered, N);
    }
    assertThat(wiped).isEmpty();
  }

  @Test
  void aCleanCloseMakesTheLastCommitDurableSoARestartRestoresNothing() {
    Path taskDir = stateDir.resolve("clean");
    writeAllKeysCommitAndClose(taskDir);

    try (KeyValueStore<String, String> reopened = open(taskDir)) {
      assertThat(reopened.appliedOffset()).hasValue(N - 1);
      assertThat(restoreTail(reopened)).isZero();
      assertAllKeys(reopened, N);
    }
  }

  @Test
  void anInterruptedRestoreResumesFromTheLastAppliedBatch() throws IOException {
    try (KeyValueStore<String, String> writer = open(stateDir.resolve("writer"))) {
      writer.finishRestore();
      for (int i = 0; i < N; i++) {
        writer.put("k" + i, "v" + i);
      }
      writer.flush();
    }
    Path restoring = stateDir.resolve("restoring");
    KeyValueStore<String, String> first = open(restoring);
    assertThat(first.appliedOffset()).isEmpty();
    first.restore(changelog.records().subList(0, 300));
    first.restore(changelog.records().subList(300, 500));
    assertThat(first.state()).isEqualTo(StoreState.RESTORING);
    assertThat(first.appliedOffset()).hasValue(499);
    first.close();

    try (KeyValueStore<String, String> resumed = open(restoring)) {
      assertThat(resumed.appliedOffset()).hasValue(499);
      assertThat(restoreTail(resumed)).isEqualTo(N - 500);
      assertAllKeys(resumed, N);
    }
  }

  @Test
  void recordsAtOrBelowTheAppliedOffsetAreSkipped() {
    try (KeyValueStore<String, String> writer = open(stateDir.resolve("writer"))) {
      writer.finishRestore();
      writer.put("a", "old");
      writer.flush();
      writer.put("a", "new");
      writer.flush();
      writer.commit(changelog.lastOffset());
    }
    try (KeyValueStore<String, String> store = open(stateDir.resolve("writer"))) {
      store.restore(changelog.records().subList(0, 1));
      store.finishRestore();
      assertThat(store.get("a")).isEqualTo("new");
      assertThatThrownBy(() -> store.commit(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("below the applied offset 1");
    }
  }

  @Test
  void aCorruptedDirectoryIsWipedAndRebuiltFromTheChangelog() throws IOException {
    Path taskDir = stateDir.resolve("0_1");
    writeAllKeysCommitAndClose(taskDir);
    try (Stream<Path> files = Files.list(taskDir.resolve("counts"))) {
      for (Path file : files.toList()) {
        Files.write(file, "garbage, not RocksDB\n".repeat(50).getBytes(StandardCharsets.UTF_8));
      }
    }

    try (KeyValueStore<String, String> store = open(taskDir)) {
      assertThat(wiped).singleElement().asString().startsWith("counts: RocksDB could not open it");
      assertThat(store.appliedOffset()).isEmpty();
      assertThat(restoreTail(store)).isEqualTo(N);
      assertAllKeys(store, N);
    }
  }

  @Test
  void aDirectoryOfAnotherStoreKindIsWipedAndRebuilt() {
    Path taskDir = stateDir.resolve("0_2");
    try (KeyValueStore<String, String> store = open(taskDir)) {
      store.finishRestore();
      store.put("a", "1");
      store.flush();
      store.commit(changelog.lastOffset());
    }
    try (WindowStore<String, String> window =
        stores
            .windowStore(
                "counts",
                Serdes.String(),
                Serdes.String(),
                Duration.ofMinutes(1),
                Duration.ofHours(1))
            .build(taskDir)) {
      assertThat(window.appliedOffset()).isEmpty();
    }
    assertThat(wiped)
        .singleElement()
        .asString()
        .contains("layout 'KEY_VALUE' but 'WINDOW;segment=1800000' was expected");
  }

  @Test
  void aDirectoryWithForeignFilesIsWiped() throws IOException {
    Path storeDir = Files.createDirectories(stateDir.resolve("0_3").resolve("counts"));
    Files.writeString(storeDir.resolve("notes.txt"), "not a store");
    try (KeyValueStore<String, String> store = open(stateDir.resolve("0_3"))) {
      assertThat(store.appliedOffset()).isEmpty();
    }
    assertThat(wiped).singleElement().asString().contains("no RocksDB database");
    assertThat(storeDir.resolve("notes.txt")).doesNotExist();
  }

  @Test
  void aLockedDirectoryIsAnErrorAndIsNeverWiped() {
    Path taskDir = stateDir.resolve("0_4");
    try (KeyValueStore<String, String> store = open(taskDir)) {
      store.finishRestore();
      store.put("a", "1");
      assertThatThrownBy(() -> open(taskDir))
          .isInstanceOf(StateStoreException.class)
          .hasMessageContaining("is locked by another open store");
      assertThat(store.get("a")).isEqualTo("1");
    }
    assertThat(wiped).isEmpty();
  }

  @Test
  void windowStoresRestoreFromTheirChangelogIntoAnyEngine() {
    StoreBuilder<WindowStore<String, String>, Windowed<String>, String> builder =
        stores
            .windowStore(
                "windows",
                Serdes.String(),
                Serdes.String(),
                Duration.ofMillis(10),
                Duration.ofMillis(1000))
            .withChangelog(changelog);
    try (WindowStore<String, String> source = builder.build(stateDir.resolve("source"))) {
      source.finishRestore();
      for (int t = 0; t < 1000; t += 7) {
        source.put("k" + (t % 3), "v" + t, t);
      }
    }
    InMemoryChangelog unused = new InMemoryChangelog();
    for (boolean inMemory : new boolean[] {true, false}) {
      StoreBuilder<WindowStore<String, String>, Windowed<String>, String> target =
          stores
              .windowStore(
                  "windows",
                  Serdes.String(),
                  Serdes.String(),
                  Duration.ofMillis(10),
                  Duration.ofMillis(1000))
              .withChangelog(unused);
      try (WindowStore<String, String> restored =
          (inMemory ? target.inMemory() : target).build(stateDir.resolve("target"))) {
        restored.restore(changelog.records());
        restored.finishRestore();
        assertThat(restored.appliedOffset()).hasValue(changelog.lastOffset());
        assertThat(KeyValueStoreContractTest.drain(restored.fetch("k1", 0, 1000)))
            .hasSize(48)
            .first()
            .isEqualTo(KeyValue.of(7L, "v7"));
      }
    }
    assertThat(unused.size()).as("restored records are not logged again").isZero();
  }
}

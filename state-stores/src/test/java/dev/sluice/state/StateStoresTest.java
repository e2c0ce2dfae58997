package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration, validation and ownership of the store factory. */
class StateStoresTest {

  @TempDir Path taskDir;

  @Test
  void readsBudgetsFromNumbersOrStringsWithDefaults() {
    try (StateStores defaults = StateStores.create(Map.of("unrelated.key", "x"))) {
      assertThat(defaults.memoryBudgetBytes()).isEqualTo(256L << 20);
      assertThat(defaults.cacheBudgetBytes()).isEqualTo(10L << 20);
      assertThat(defaults.checkpointRecords()).isEqualTo(10_000);
    }
    try (StateStores configured =
        StateStores.create(
            Map.of(
                StateStores.MEMORY_BYTES_CONFIG,
                " 33554432",
                StateStores.CACHE_BYTES_CONFIG,
                0,
                StateStores.CHECKPOINT_RECORDS_CONFIG,
                "500"))) {
      assertThat(configured.memoryBudgetBytes()).isEqualTo(32L << 20);
      assertThat(configured.cacheBudgetBytes()).isZero();
      assertThat(configured.checkpointRecords()).isEqualTo(500);
    }
  }

  @Test
  void badConfigurationNamesTheKeyAndTheFix() {
    assertThatThrownBy(() -> StateStores.create(Map.of(StateStores.MEMORY_BYTES_CONFIG, "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state.memory.bytes was 'lots'; use a number of bytes, e.g. 268435456");
    assertThatThrownBy(() -> StateStores.create(Map.of(StateStores.MEMORY_BYTES_CONFIG, 1000)))
        .hasMessageContaining("RocksDB needs at least 1048576");
    assertThatThrownBy(() -> StateStores.create(Map.of(StateStores.CHECKPOINT_RECORDS_CONFIG, -1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state.checkpoint.records was -1; use 0 or more (default 10000)");
  }

  @Test
  void rejectsBadStoreDefinitions() {
    try (StateStores stores = StateStores.create(Map.of())) {
      assertThatThrownBy(() -> stores.keyValueStore("a/b", Serdes.String(), Serdes.String()))
          .hasMessageContaining("Store name 'a/b' is invalid");
      assertThatThrownBy(
              () ->
                  stores.windowStore(
                      "w",
                      Serdes.String(),
                      Serdes.String(),
                      Duration.ofMinutes(5),
                      Duration.ofMinutes(1)))
          .hasMessageContaining("retention PT1M is shorter than the window size PT5M");
      assertThatThrownBy(
              () ->
                  stores
                      .keyValueStore("kv", Serdes.String(), Serdes.String())
                      .withSegmentInterval(Duration.ofMinutes(1)))
          .hasMessageContaining("segments only exist in window and session stores");
      assertThatThrownBy(
              () -> stores.keyValueStore("kv", Serdes.String(), Serdes.String()).build(null))
          .hasMessageContaining("needs a task directory");
    }
  }

  @Test
  void closingTheFactoryClosesStoresStillOpen() {
    StateStores stores = StateStores.create(Map.of());
    KeyValueStore<String, String> store =
        stores.keyValueStore("kv", Serdes.String(), Serdes.String()).build(taskDir);
    SessionStore<String, String> sessions =
        stores
            .sessionStore("s", Serdes.String(), Serdes.String(), Duration.ofMinutes(1))
            .inMemory()
            .build(null);
    assertThat(stores.openStores()).isEqualTo(2);
    stores.close();
    assertThat(store.state()).isEqualTo(StoreState.CLOSED);
    assertThat(sessions.state()).isEqualTo(StoreState.CLOSED);
    assertThat(stores.openStores()).isZero();
    assertThatThrownBy(
            () -> stores.keyValueStore("kv", Serdes.String(), Serdes.String()).build(taskDir))
        .hasMessageContaining("StateStores is closed");
  }

  @Test
  void exposesRocksDbPropertiesOnlyForItsOwnStores() {
    try (StateStores stores = StateStores.create(Map.of());
        StateStores other = StateStores.create(Map.of());
        KeyValueStore<String, String> store =
            stores.keyValueStore("kv", Serdes.String(), Serdes.String()).build(taskDir)) {
      assertThat(stores.rocksDbProperty(store, "rocksdb.block-cache-capacity"))
          .isEqualTo(Long.toString(256L << 20));
      assertThatThrownBy(() -> other.rocksDbProperty(store, "rocksdb.block-cache-capacity"))
          .hasMessageContaining("was not built by this StateStores");
    }
  }

  @Test
  void theOptionsHookTunesOneStore() throws java.io.IOException {
    java.util.List<String> configured = new java.util.ArrayList<>();
    try (StateStores stores = StateStores.create(Map.of());
        KeyValueStore<String, String> store =
            stores
                .keyValueStore("tuned", Serdes.String(), Serdes.String())
                .withRocksDbOptions(
                    (name, db, columnFamily) -> {
                      configured.add(name);
                      columnFamily.setMaxWriteBufferNumber(5);
                    })
                .build(taskDir)) {
      assertThat(store.persistent()).isTrue();
    }
    assertThat(configured).containsExactly("tuned");
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(taskDir.resolve("tuned"))) {
      Path options =
          files
              .filter(f -> f.getFileName().toString().startsWith("OPTIONS-"))
              .findFirst()
              .orElseThrow();
      assertThat(java.nio.file.Files.readString(options)).contains("max_write_buffer_number=5");
    }
  }
}

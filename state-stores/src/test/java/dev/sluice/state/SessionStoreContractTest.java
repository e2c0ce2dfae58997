package dev.sluice.state;

import static dev.sluice.state.KeyValueStoreContractTest.drain;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract of session stores; one subclass per engine configuration. */
abstract class SessionStoreContractTest {

  @TempDir Path taskDir;

  StateStores stores;
  SessionStore<String, Long> store;

  abstract StoreBuilder<SessionStore<String, Long>, Windowed<String>, Long> configure(
      StoreBuilder<SessionStore<String, Long>, Windowed<String>, Long> builder);

  @BeforeEach
  void open() {
    stores = StateStores.create(Map.of(StateStores.CACHE_BYTES_CONFIG, 4096));
    store =
        configure(
                stores
                    .sessionStore(
                        "sessions", Serdes.String(), Serdes.Long(), Duration.ofMillis(1000))
                    .withSegmentInterval(Duration.ofMillis(200)))
            .build(taskDir);
    store.finishRestore();
  }

  @AfterEach
  void closeAll() {
    assertThat(store.openIterators()).isZero();
    store.close();
    stores.close();
  }

  @Test
  void findsSessionsThatMayMergeWithARecord() {
    store.put(Windowed.of("a", 0, 50), 1L);
    store.put(Windowed.of("a", 100, 150), 2L);
    store.put(Windowed.of("a", 400, 500), 3L);
    store.put(Windowed.of("ab", 100, 150), 9L);
    // A record at 160 with a 20 ms gap merges with sessions ending >= 140 and starting <= 180.
    assertThat(drain(store.findSessions("a", 140, 180)))
        .containsExactly(KeyValue.of(Windowed.of("a", 100, 150), 2L));
    assertThat(drain(store.findSessions("a", 0, 1000)))
        .containsExactly(
            KeyValue.of(Windowed.of("a", 0, 50), 1L),
            KeyValue.of(Windowed.of("a", 100, 150), 2L),
            KeyValue.of(Windowed.of("a", 400, 500), 3L));
    assertThat(drain(store.fetch("ab")))
        .containsExactly(KeyValue.of(Windowed.of("ab", 100, 150), 9L));
    assertThat(drain(store.fetch("b"))).isEmpty();
  }

  @Test
  void removesAndReadsSingleSessions() {
    store.put(Windowed.of("a", 100, 150), 2L);
    assertThat(store.fetchSession("a", 100, 150)).isEqualTo(2L);
    store.remove(Windowed.of("a", 100, 150));
    assertThat(store.fetchSession("a", 100, 150)).isNull();
    store.put(Windowed.of("a", 100, 160), 3L);
    store.put(Windowed.of("a", 100, 160), null);
    assertThat(drain(store.fetch("a"))).isEmpty();
  }

  @Test
  void expiresSessionsByTheirEnd() {
    store.put(Windowed.of("a", 0, 100), 1L);
    store.put(Windowed.of("a", 900, 1100), 2L);
    store.flush();
    store.put(Windowed.of("b", 1500, 1500), 3L);
    store.flush();
    assertThat(drain(store.fetch("a")))
        .containsExactly(KeyValue.of(Windowed.of("a", 900, 1100), 2L));
    assertThat(store.retention()).isEqualTo(Duration.ofMillis(1000));
  }
}

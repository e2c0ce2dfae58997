package dev.sluice.state;

import static dev.sluice.state.KeyValueStoreContractTest.drain;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** The session store contract on the RocksDB engine. */
class RocksDbSessionStoreTest extends SessionStoreContractTest {

  @Override
  StoreBuilder<SessionStore<String, Long>, Windowed<String>, Long> configure(
      StoreBuilder<SessionStore<String, Long>, Windowed<String>, Long> builder) {
    return builder;
  }

  @Test
  void theTimeIndexIsKeptOnDiskWithTheSessions() {
    store.put(Windowed.of("b", 5, 300), 1L);
    store.put(Windowed.of("a", 0, 10), 2L);
    store.close();

    store =
        stores
            .sessionStore("sessions", Serdes.String(), Serdes.Long(), Duration.ofMillis(1000))
            .withSegmentInterval(Duration.ofMillis(200))
            .build(taskDir);
    store.finishRestore();

    assertThat(drain(store.findSessionsEndingBetween(0, 1000)))
        .containsExactly(
            KeyValue.of(Windowed.of("a", 0, 10), 2L), KeyValue.of(Windowed.of("b", 5, 300), 1L));
  }
}

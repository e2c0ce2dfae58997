package dev.sluice.state;

import static dev.sluice.state.KeyValueStoreContractTest.drain;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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

  @Test
  void findsTheSessionsOfEveryKeyByEnd() {
    store.put(Windowed.of("b", 120, 150), 1L);
    store.put(Windowed.of("a", 100, 150), 2L);
    store.put(Windowed.of("a", 0, 50), 3L);
    store.put(Windowed.of("ab", 150, 150), 4L);
    store.put(Windowed.of("", 190, 199), 5L); // empty key: escaped to 0x00 0x01
    store.put(Windowed.of("\u0000", 200, 200), 6L); // zero byte: escaped to 0x00 0xFF 0x00 0x01
    store.put(Windowed.of("c", 300, 450), 7L);

    // Across segments (200 ms each), by end, then start, then key; both bounds inclusive.
    assertThat(drain(store.findSessionsEndingBetween(50, 200)))
        .containsExactly(
            KeyValue.of(Windowed.of("a", 0, 50), 3L),
            KeyValue.of(Windowed.of("a", 100, 150), 2L),
            KeyValue.of(Windowed.of("b", 120, 150), 1L),
            KeyValue.of(Windowed.of("ab", 150, 150), 4L),
            KeyValue.of(Windowed.of("", 190, 199), 5L),
            KeyValue.of(Windowed.of("\u0000", 200, 200), 6L));
    assertThat(drain(store.findSessionsEndingBetween(151, 449)))
        .containsExactly(
            KeyValue.of(Windowed.of("", 190, 199), 5L),
            KeyValue.of(Windowed.of("\u0000", 200, 200), 6L));
    assertThat(drain(store.findSessionsEndingBetween(451, Long.MAX_VALUE))).isEmpty();
    assertThat(drain(store.findSessionsEndingBetween(0, Long.MAX_VALUE))).hasSize(7);
  }

  @Test
  void theTimeIndexNeverShowsUpAsSessions() {
    store.put(Windowed.of("", 10, 20), 1L);
    store.put(Windowed.of("\u0000", 10, 20), 2L);
    store.put(Windowed.of("a", 10, 20), 3L);

    assertThat(drain(store.fetch(""))).containsExactly(KeyValue.of(Windowed.of("", 10, 20), 1L));
    assertThat(drain(store.findSessions("\u0000", 0, 1000)))
        .containsExactly(KeyValue.of(Windowed.of("\u0000", 10, 20), 2L));
    store.flush();
    assertThat(drain(store.fetch("a"))).containsExactly(KeyValue.of(Windowed.of("a", 10, 20), 3L));
  }

  @Test
  void removedAndMergedSessionsLeaveTheTimeIndex() {
    store.put(Windowed.of("a", 100, 150), 1L);
    store.put(Windowed.of("a", 170, 180), 1L);
    store.flush();
    // A record at 160 merges both: the old sessions go, the merged one comes.
    store.remove(Windowed.of("a", 100, 150));
    store.remove(Windowed.of("a", 170, 180));
    store.put(Windowed.of("a", 100, 180), 3L);
    store.put(Windowed.of("b", 10, 20), 4L);
    store.put(Windowed.of("b", 10, 20), null);

    assertThat(drain(store.findSessionsEndingBetween(0, 1000)))
        .containsExactly(KeyValue.of(Windowed.of("a", 100, 180), 3L));
    store.flush();
    assertThat(drain(store.findSessionsEndingBetween(0, 1000)))
        .containsExactly(KeyValue.of(Windowed.of("a", 100, 180), 3L));
  }

  @Test
  void expiredSessionsLeaveTheTimeIndex() {
    store.put(Windowed.of("a", 0, 100), 1L);
    store.put(Windowed.of("b", 900, 1100), 2L);
    store.flush();
    store.put(Windowed.of("c", 1500, 1500), 3L);
    store.flush();

    assertThat(drain(store.findSessionsEndingBetween(0, Long.MAX_VALUE)))
        .containsExactly(
            KeyValue.of(Windowed.of("b", 900, 1100), 2L),
            KeyValue.of(Windowed.of("c", 1500, 1500), 3L));
  }

  @Test
  void theTimeIndexIsRebuiltFromTheChangelog(@TempDir Path otherDir) {
    InMemoryChangelog changelog = new InMemoryChangelog();
    SessionStore<String, Long> source =
        stores
            .sessionStore("source", Serdes.String(), Serdes.Long(), Duration.ofMillis(1000))
            .inMemory()
            .withChangelog(changelog)
            .build(otherDir);
    source.finishRestore();
    source.put(Windowed.of("a", 0, 10), 1L);
    source.put(Windowed.of("b", 5, 5), 2L);
    source.remove(Windowed.of("a", 0, 10));
    source.put(Windowed.of("a", 0, 30), 3L);
    source.close();
    // Only sessions went to the changelog; the index is derived from them.
    assertThat(changelog.records()).hasSize(4);

    SessionStore<String, Long> restored =
        configure(
                stores.sessionStore(
                    "restored", Serdes.String(), Serdes.Long(), Duration.ofMillis(1000)))
            .build(otherDir);
    restored.restore(changelog.records());
    restored.finishRestore();
    try {
      assertThat(drain(restored.findSessionsEndingBetween(0, 100)))
          .containsExactly(
              KeyValue.of(Windowed.of("b", 5, 5), 2L), KeyValue.of(Windowed.of("a", 0, 30), 3L));
    } finally {
      restored.close();
    }
  }

  @Test
  void timeOrderedReadsMatchATreeMapModel() {
    Random random = new Random(42);
    Comparator<Windowed<String>> byEnd =
        Comparator.<Windowed<String>>comparingLong(Windowed::end)
            .thenComparingLong(Windowed::start)
            .thenComparing(Windowed::key);
    TreeMap<Windowed<String>, Long> model = new TreeMap<>(byEnd);
    for (int i = 0; i < 3000; i++) {
      long end = 200 + random.nextInt(600);
      Windowed<String> session =
          Windowed.of("k" + random.nextInt(20), end - random.nextInt(50), end);
      if (random.nextInt(3) == 0) {
        store.remove(session);
        model.remove(session);
      } else {
        store.put(session, (long) i);
        model.put(session, (long) i);
      }
      if (i % 300 == 0) {
        store.flush();
      }
      if (i % 100 == 50) {
        long from = 200 + random.nextInt(600);
        long to = from + random.nextInt(200);
        List<KeyValue<Windowed<String>, Long>> expected = new ArrayList<>();
        model.forEach(
            (s, v) -> {
              if (s.end() >= from && s.end() <= to) {
                expected.add(KeyValue.of(s, v));
              }
            });
        assertThat(drain(store.findSessionsEndingBetween(from, to)))
            .as("sessions ending in [%s, %s] after %s writes", from, to, i + 1)
            .containsExactlyElementsOf(expected);
      }
    }
  }
}

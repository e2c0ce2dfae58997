package dev.sluice.state;

import static dev.sluice.state.KeyValueStoreContractTest.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract of window stores; one subclass per engine configuration. */
abstract class WindowStoreContractTest {

  static final long SIZE = 10;
  static final long RETENTION = 1000;
  static final long SEGMENT = 200;

  @TempDir Path taskDir;

  StateStores stores;
  WindowStore<String, String> store;

  abstract StoreBuilder<WindowStore<String, String>, Windowed<String>, String> configure(
      StoreBuilder<WindowStore<String, String>, Windowed<String>, String> builder);

  @BeforeEach
  void open() {
    stores = StateStores.create(Map.of(StateStores.CACHE_BYTES_CONFIG, 4096));
    store = build();
    store.finishRestore();
  }

  WindowStore<String, String> build() {
    return configure(
            stores
                .windowStore(
                    "windows",
                    Serdes.String(),
                    Serdes.String(),
                    Duration.ofMillis(SIZE),
                    Duration.ofMillis(RETENTION))
                .withSegmentInterval(Duration.ofMillis(SEGMENT)))
        .build(taskDir);
  }

  @AfterEach
  void closeAll() {
    assertThat(store.openIterators()).isZero();
    store.close();
    stores.close();
  }

  @Test
  void fetchesOneKeyByWindowStartAcrossSegments() {
    store.put("a", "0", 0);
    store.put("a", "150", 150);
    store.put("a", "450", 450);
    store.put("ab", "x", 150);
    store.put("b", "y", 150);
    assertThat(store.fetch("a", 150)).isEqualTo("150");
    assertThat(store.fetch("a", 151)).isNull();
    assertThat(drain(store.fetch("a", 0, 1000)))
        .containsExactly(KeyValue.of(0L, "0"), KeyValue.of(150L, "150"), KeyValue.of(450L, "450"));
    assertThat(drain(store.fetch("a", 1, 449))).containsExactly(KeyValue.of(150L, "150"));
    assertThat(drain(store.fetch("a", 500, 400))).isEmpty();
    assertThat(drain(store.fetch("a", 900, 100))).as("inverted range over segments").isEmpty();
    assertThat(drain(store.fetchAll(900, 100))).isEmpty();
  }

  @Test
  void fetchesKeyRangesWithWindowEnds() {
    store.put("a", "1", 100);
    store.put("a\u0000", "2", 100);
    store.put("ab", "3", 100);
    store.put("b", "4", 100);
    store.put("c", "5", 100);
    store.put("b", "late", 300);
    assertThat(drain(store.fetch("a", "b", 0, 200)))
        .containsExactly(
            KeyValue.of(Windowed.of("a", 100, 110), "1"),
            KeyValue.of(Windowed.of("a\u0000", 100, 110), "2"),
            KeyValue.of(Windowed.of("ab", 100, 110), "3"),
            KeyValue.of(Windowed.of("b", 100, 110), "4"));
    assertThat(drain(store.fetchAll(250, 350)))
        .containsExactly(KeyValue.of(Windowed.of("b", 300, 310), "late"));
    assertThat(drain(store.fetch(null, "a", 0, 1000))).hasSize(1);
  }

  @Test
  void deletesWithNullValues() {
    store.put("a", "1", 100);
    store.put("a", null, 100);
    assertThat(store.fetch("a", 100)).isNull();
    assertThat(drain(store.fetchAll(0, 1000))).isEmpty();
  }

  @Test
  void dropsWholeSegmentsOnceOlderThanRetention() {
    store.put("a", "old", 10);
    store.put("a", "kept", 900);
    store.flush();
    store.put("b", "now", 1300);
    store.flush();
    assertThat(store.fetch("a", 10)).as("segment [0,200) expired at stream time 1300").isNull();
    assertThat(store.fetch("a", 900)).isEqualTo("kept");
    store.put("a", "too late", 20);
    store.flush();
    assertThat(store.fetch("a", 20)).isNull();
    assertThat(drain(store.fetchAll(0, 2000))).hasSize(2);
  }

  @Test
  void rejectsNegativeTimes() {
    assertThatThrownBy(() -> store.put("a", "1", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Store 'windows': windowStart was -1");
  }

  @Test
  void reportsSizeAndRetention() {
    assertThat(store.windowSize()).isEqualTo(Duration.ofMillis(SIZE));
    assertThat(store.retention()).isEqualTo(Duration.ofMillis(RETENTION));
  }

  @Test
  void matchesAModelOverRandomOperations() {
    Random random = new Random(7);
    TreeMap<String, TreeMap<Long, String>> model = new TreeMap<>();
    for (int step = 0; step < 400; step++) {
      String key = List.of("a", "ab", "b").get(random.nextInt(3));
      long start = random.nextInt(800);
      if (random.nextInt(5) == 0) {
        store.put(key, null, start);
        model.getOrDefault(key, new TreeMap<>()).remove(start);
      } else {
        store.put(key, "v" + step, start);
        model.computeIfAbsent(key, k -> new TreeMap<>()).put(start, "v" + step);
      }
      if (random.nextInt(10) == 0) {
        store.flush();
      }
      long from = random.nextInt(800);
      long to = from + random.nextInt(300);
      List<KeyValue<Long, String>> expected = new ArrayList<>();
      model
          .getOrDefault(key, new TreeMap<>())
          .subMap(from, true, to, true)
          .forEach((t, v) -> expected.add(KeyValue.of(t, v)));
      assertThat(drain(store.fetch(key, from, to))).as("step %s", step).isEqualTo(expected);
    }
  }
}

package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every key-value engine configuration must meet, including a property test against a
 * {@link TreeMap} model. One subclass per engine.
 */
abstract class KeyValueStoreContractTest {

  @TempDir Path taskDir;

  StateStores stores;
  KeyValueStore<String, String> store;

  /** Chooses the engine and decorators. */
  abstract StoreBuilder<KeyValueStore<String, String>, String, String> configure(
      StoreBuilder<KeyValueStore<String, String>, String, String> builder);

  /** Cache budget for this engine; small budgets exercise eviction. */
  long cacheBytes() {
    return 10 << 20;
  }

  /** Whether {@link KeyValueStore#approximateNumEntries()} is exact. */
  boolean exactCount() {
    return false;
  }

  @BeforeEach
  void open() {
    stores = StateStores.create(Map.of(StateStores.CACHE_BYTES_CONFIG, cacheBytes()));
    store = configure(stores.keyValueStore("kv", Serdes.String(), Serdes.String())).build(taskDir);
    store.finishRestore();
  }

  @AfterEach
  void closeAll() {
    assertThat(store.openIterators()).as("leaked iterators").isZero();
    store.close();
    stores.close();
  }

  static <K, V> List<KeyValue<K, V>> drain(KeyValueIterator<K, V> iterator) {
    try (iterator) {
      List<KeyValue<K, V>> out = new ArrayList<>();
      iterator.forEachRemaining(out::add);
      return out;
    }
  }

  static List<String> keys(KeyValueIterator<String, String> iterator) {
    return drain(iterator).stream().map(KeyValue::key).toList();
  }

  @Test
  void putGetDeleteAndOverwrite() {
    store.put("a", "1");
    store.put("a", "2");
    assertThat(store.get("a")).isEqualTo("2");
    assertThat(store.delete("a")).isEqualTo("2");
    assertThat(store.get("a")).isNull();
    assertThat(store.delete("a")).isNull();
    store.put("b", "1");
    store.put("b", null);
    assertThat(store.get("b")).isNull();
  }

  @Test
  void putIfAbsentOnlyWritesMissingKeys() {
    assertThat(store.putIfAbsent("a", "1")).isNull();
    assertThat(store.putIfAbsent("a", "2")).isEqualTo("1");
    assertThat(store.get("a")).isEqualTo("1");
  }

  @Test
  void putAllWritesAndDeletes() {
    store.put("gone", "x");
    store.putAll(
        List.of(KeyValue.of("a", "1"), KeyValue.of("b", "2"), new KeyValue<>("gone", null)));
    assertThat(drain(store.all())).containsExactly(KeyValue.of("a", "1"), KeyValue.of("b", "2"));
  }

  @Test
  void rangesAreInclusiveAndFollowByteOrder() {
    for (String key : List.of("b", "a", "ab", "c", "abc", "B")) {
      store.put(key, key.toUpperCase());
    }
    assertThat(keys(store.range("a", "b"))).containsExactly("a", "ab", "abc", "b");
    assertThat(keys(store.reverseRange("a", "b"))).containsExactly("b", "abc", "ab", "a");
    assertThat(keys(store.range(null, "ab"))).containsExactly("B", "a", "ab");
    assertThat(keys(store.range("abc", null))).containsExactly("abc", "b", "c");
    assertThat(keys(store.reverseRange(null, null)))
        .containsExactly("c", "b", "abc", "ab", "a", "B");
    assertThat(keys(store.range("c", "a"))).isEmpty();
    assertThat(keys(store.all())).containsExactly("B", "a", "ab", "abc", "b", "c");
  }

  @Test
  void prefixScanReturnsKeysStartingWithThePrefix() {
    for (String key : List.of("a", "ab", "abc", "abd", "ac", "b")) {
      store.put(key, key);
    }
    assertThat(keys(store.prefixScan("ab", new StringSerializer())))
        .containsExactly("ab", "abc", "abd");
    assertThat(keys(store.prefixScan("", new StringSerializer()))).hasSize(6);
    assertThat(keys(store.prefixScan("z", new StringSerializer()))).isEmpty();
  }

  @Test
  void prefixScanHandlesAllOnesBytes() {
    try (StateStores own = StateStores.create(Map.of())) {
      KeyValueStore<byte[], String> bytes =
          configure2(own.keyValueStore("bytes", Serdes.ByteArray(), Serdes.String()))
              .build(taskDir);
      try (bytes) {
        bytes.finishRestore();
        bytes.put(new byte[] {(byte) 0xFF}, "ff");
        bytes.put(new byte[] {(byte) 0xFF, 0x01}, "ff01");
        bytes.put(new byte[] {0x01}, "01");
        List<String> values =
            drain(bytes.prefixScan(new byte[] {(byte) 0xFF}, Serdes.ByteArray().serializer()))
                .stream()
                .map(KeyValue::value)
                .toList();
        assertThat(values).containsExactly("ff", "ff01");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private <K> StoreBuilder<KeyValueStore<K, String>, K, String> configure2(
      StoreBuilder<KeyValueStore<K, String>, K, String> builder) {
    Object configured =
        configure((StoreBuilder<KeyValueStore<String, String>, String, String>) (Object) builder);
    return (StoreBuilder<KeyValueStore<K, String>, K, String>) configured;
  }

  @Test
  void iteratorsSeeASnapshotAndToleratesWritesWhileIterating() {
    store.put("a", "1");
    store.put("b", "2");
    try (KeyValueIterator<String, String> iterator = store.all()) {
      assertThat(iterator.next()).isEqualTo(KeyValue.of("a", "1"));
      store.put("c", "3");
      store.delete("b");
      List<KeyValue<String, String>> rest = new ArrayList<>();
      iterator.forEachRemaining(rest::add);
      assertThat(rest).containsExactly(KeyValue.of("b", "2"));
    }
  }

  @Test
  void approximateCountReflectsWrites() {
    store.put("a", "1");
    store.put("b", "2");
    store.put("c", "3");
    if (exactCount()) {
      assertThat(store.approximateNumEntries()).isEqualTo(3);
    } else {
      assertThat(store.approximateNumEntries()).isBetween(1L, 6L);
    }
  }

  @Test
  void openIteratorsAreCountedAndClosedWithTheStore() {
    store.put("a", "1");
    KeyValueIterator<String, String> first = store.all();
    KeyValueIterator<String, String> second = store.range("a", "z");
    assertThat(store.openIterators()).isEqualTo(2);
    first.close();
    first.close();
    assertThat(store.openIterators()).isEqualTo(1);
    store.close();
    assertThat(store.openIterators()).isZero();
    assertThatThrownBy(second::hasNext)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Iterator over store 'kv' is closed");
  }

  @Test
  void closedStoreFailsFastNamingTheStore() {
    store.close();
    assertThat(store.state()).isEqualTo(StoreState.CLOSED);
    assertThatThrownBy(() -> store.get("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Store 'kv' is closed");
    assertThatThrownBy(() -> store.put("a", "1")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(store::all).isInstanceOf(IllegalStateException.class);
    store.close();
  }

  @Test
  void lifecycleOrderIsEnforced() {
    assertThat(store.state()).isEqualTo(StoreState.RUNNING);
    assertThatThrownBy(() -> store.restore(List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("running");
    assertThatThrownBy(store::finishRestore).isInstanceOf(IllegalStateException.class);
    try (KeyValueStore<String, String> fresh =
        configure(stores.keyValueStore("fresh", Serdes.String(), Serdes.String())).build(taskDir)) {
      assertThat(fresh.state()).isEqualTo(StoreState.OPEN);
      assertThatThrownBy(() -> fresh.put("a", "b"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("call finishRestore()");
    }
  }

  @Test
  void rejectsNullKeysWithAClearMessage() {
    assertThatThrownBy(() -> store.put(null, "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Store 'kv' does not accept null keys");
  }

  @Test
  void behavesLikeASortedMap() {
    for (long seed = 1; seed <= 4; seed++) {
      runModelComparison(new Random(seed));
    }
  }

  private static final java.util.Comparator<String> BYTE_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private void runModelComparison(Random random) {
    for (KeyValue<String, String> entry : drain(store.all())) {
      store.delete(entry.key());
    }
    NavigableMap<String, String> model = new TreeMap<>(BYTE_ORDER);
    for (int step = 0; step < 600; step++) {
      String key = randomKey(random);
      String value = Integer.toString(random.nextInt(1000));
      String context = "step " + step + " key '" + key + "'";
      switch (random.nextInt(10)) {
        case 0, 1, 2 -> {
          store.put(key, value);
          model.put(key, value);
        }
        case 3 -> assertThat(store.delete(key)).as(context).isEqualTo(model.remove(key));
        case 4 ->
            assertThat(store.putIfAbsent(key, value))
                .as(context)
                .isEqualTo(model.putIfAbsent(key, value));
        case 5 -> assertThat(store.get(key)).as(context).isEqualTo(model.get(key));
        case 6 -> checkRange(key, randomKey(random), model, context);
        case 7 -> {
          String prefix = key.isEmpty() ? key : key.substring(0, 1);
          List<KeyValue<String, String>> expected =
              entries(model).stream().filter(e -> e.key().startsWith(prefix)).toList();
          assertThat(drain(store.prefixScan(prefix, new StringSerializer())))
              .as(context)
              .containsExactlyElementsOf(expected);
        }
        case 8 -> {
          if (random.nextBoolean()) {
            store.flush();
          } else {
            assertThat(drain(store.all())).as(context).containsExactlyElementsOf(entries(model));
          }
        }
        default -> putAllRandom(random, model);
      }
    }
    assertThat(drain(store.all())).containsExactlyElementsOf(entries(model));
    assertThat(drain(store.reverseRange(null, null)))
        .containsExactlyElementsOf(entries(model.descendingMap()));
  }

  private void checkRange(
      String key, String other, NavigableMap<String, String> model, String context) {
    String from = BYTE_ORDER.compare(key, other) <= 0 ? key : other;
    String to = BYTE_ORDER.compare(key, other) <= 0 ? other : key;
    assertThat(drain(store.range(from, to)))
        .as(context)
        .containsExactlyElementsOf(entries(model.subMap(from, true, to, true)));
    assertThat(drain(store.reverseRange(from, to)))
        .as(context)
        .containsExactlyElementsOf(entries(model.subMap(from, true, to, true).descendingMap()));
  }

  private void putAllRandom(Random random, NavigableMap<String, String> model) {
    List<KeyValue<String, String>> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String k = randomKey(random);
      String v = random.nextInt(4) == 0 ? null : Integer.toString(i);
      batch.add(new KeyValue<>(k, v));
      if (v == null) {
        model.remove(k);
      } else {
        model.put(k, v);
      }
    }
    store.putAll(batch);
  }

  private static String randomKey(Random random) {
    int length = random.nextInt(4);
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < length; i++) {
      key.append("ab\u00e9z".charAt(random.nextInt(4)));
    }
    return key.toString();
  }

  private static List<KeyValue<String, String>> entries(Map<String, String> map) {
    return map.entrySet().stream().map(e -> KeyValue.of(e.getKey(), e.getValue())).toList();
  }
}

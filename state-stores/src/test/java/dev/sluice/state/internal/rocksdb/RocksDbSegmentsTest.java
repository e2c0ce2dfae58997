package dev.sluice.state.internal.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.internal.bytes.BytesIterator;
import dev.sluice.state.internal.bytes.BytesRange;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.BytesWrite;
import dev.sluice.state.internal.bytes.KeySchema;
import dev.sluice.state.internal.typed.KeyCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * Window data of every segment lives in one column family; expiry deletes whole segments by key
 * range, so no column family is created or dropped as time moves on.
 */
class RocksDbSegmentsTest {
  private static final KeySchema SCHEMA = KeySchema.timed(KeySchema.Kind.WINDOW, 1000, 100);

  @TempDir Path dir;

  private static byte[] key(char name, long start) {
    return KeyCodec.timedKey(KeyCodec.escape(new byte[] {(byte) name}), start);
  }

  private static BytesWrite window(char name, long start) {
    return new BytesWrite(key(name, start), new byte[] {1}, 0);
  }

  private RocksDbBytesStore open(RocksDbMemory memory) {
    return RocksDbOpener.open("w", dir, SCHEMA, memory, null, (n, d, r) -> {});
  }

  private static List<Long> startsOf(BytesIterator iterator) {
    List<Long> starts = new ArrayList<>();
    try (iterator) {
      for (; iterator.valid(); iterator.next()) {
        starts.add(SCHEMA.timeOf(iterator.key()));
      }
    }
    return starts;
  }

  @Test
  void expiredSegmentsAreDeletedWholeAndStayDeletedAfterReopening() throws Exception {
    try (RocksDbMemory memory = new RocksDbMemory(8 << 20)) {
      try (RocksDbBytesStore store = open(memory)) {
        for (long start = 0; start < 1000; start += 50) {
          store.write(List.of(window('k', start)), BytesStore.NO_OFFSET);
        }
      }
      try (RocksDbBytesStore store = open(memory)) {
        assertThat(startsOf(store.range(BytesRange.ALL, false))).hasSize(20);
        // stream time 1450: segments below (1450 - 1000) / 100 = 4 expire
        store.write(List.of(window('k', 1450)), BytesStore.NO_OFFSET);

        assertThat(store.get(key('k', 350))).isNull();
        assertThat(store.get(key('k', 400))).isNotNull();
        assertThat(startsOf(store.range(BytesRange.ALL, false)))
            .containsExactlyElementsOf(
                LongStream.concat(LongStream.range(8, 20).map(i -> i * 50), LongStream.of(1450))
                    .boxed()
                    .toList());
      }
      try (RocksDbBytesStore store = open(memory)) {
        store.write(List.of(window('k', 100)), BytesStore.NO_OFFSET);
        assertThat(store.get(key('k', 100))).as("a write to an expired segment").isNull();
        assertThat(startsOf(store.range(BytesRange.ALL, true))).hasSize(13).startsWith(1450L);
      }
    }
    assertThat(families()).containsExactlyInAnyOrder("default", "data");
  }

  @Test
  void rangesSkipEmptySegmentsAndKeepKeyBoundsInEachSegmentInBothDirections() {
    try (RocksDbMemory memory = new RocksDbMemory(8 << 20);
        RocksDbBytesStore store = open(memory)) {
      for (long start : new long[] {10, 20, 500, 510, 900}) {
        store.write(
            List.of(window('a', start), window('b', start), window('c', start)),
            BytesStore.NO_OFFSET);
      }
      // keys of 'b' only, segments 0..8 (times 0..899)
      BytesRange onlyB = new BytesRange(key('b', 0), key('c', 0), 0, 899);

      assertThat(startsOf(store.range(onlyB, false))).containsExactly(10L, 20L, 500L, 510L);
      assertThat(startsOf(store.range(onlyB, true))).containsExactly(510L, 500L, 20L, 10L);
      assertThat(startsOf(store.range(new BytesRange(null, key('b', 0), 400, 5000), true)))
          .containsExactly(900L, 510L, 500L);
      assertThat(startsOf(store.range(new BytesRange(key('c', 0), null, 0, 100), false)))
          .containsExactly(10L, 20L);
    }
  }

  private List<String> families() throws Exception {
    try (Options options = new Options()) {
      return RocksDB.listColumnFamilies(options, dir.toString()).stream()
          .map(name -> new String(name, StandardCharsets.UTF_8))
          .toList();
    }
  }
}

package dev.sluice.state.internal.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.BytesWrite;
import dev.sluice.state.internal.bytes.KeySchema;
import dev.sluice.state.internal.typed.KeyCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** Window data lives in one column family per segment; expiry drops column families whole. */
class RocksDbSegmentsTest {

  @TempDir Path dir;

  private static BytesWrite window(long start) {
    return new BytesWrite(
        KeyCodec.timedKey(KeyCodec.escape(new byte[] {'k'}), start), new byte[] {1}, 0);
  }

  @Test
  void expiredSegmentsAreDroppedAsColumnFamilies() throws Exception {
    KeySchema schema = KeySchema.timed(KeySchema.Kind.WINDOW, 1000, 100);
    try (RocksDbMemory memory = new RocksDbMemory(8 << 20)) {
      try (RocksDbBytesStore store =
          RocksDbOpener.open("w", dir, schema, memory, null, (n, d, r) -> {})) {
        for (long start = 0; start < 1000; start += 50) {
          store.write(List.of(window(start)), BytesStore.NO_OFFSET);
        }
      }
      assertThat(families()).hasSize(10).contains("seg-0", "seg-9");
      try (RocksDbBytesStore store =
          RocksDbOpener.open("w", dir, schema, memory, null, (n, d, r) -> {})) {
        store.write(List.of(window(1450)), BytesStore.NO_OFFSET);
      }
      assertThat(families()).doesNotContain("seg-0", "seg-3").contains("seg-4", "seg-14");
    }
  }

  private List<String> families() throws Exception {
    try (Options options = new Options()) {
      return RocksDB.listColumnFamilies(options, dir.toString()).stream()
          .map(name -> new String(name, StandardCharsets.UTF_8))
          .filter(name -> name.startsWith("seg-"))
          .toList();
    }
  }
}

package dev.sluice.state.internal.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.ChangelogRecord;
import dev.sluice.state.internal.bytes.KeySchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** Directory verification: format version and metadata are checked at open. */
class RocksDbOpenerTest {

  @TempDir Path dir;

  private final RocksDbMemory memory = new RocksDbMemory(8 << 20);
  private final List<String> wiped = new ArrayList<>();

  @AfterEach
  void close() {
    memory.close();
  }

  private RocksDbBytesStore open() {
    return RocksDbOpener.open(
        "store",
        dir,
        KeySchema.keyValue(),
        memory,
        null,
        (name, directory, reason) -> wiped.add(reason));
  }

  /** Rewrites one metadata key of a closed store directly in RocksDB. */
  private void rewriteMetadata(byte[] key, byte[] value) throws Exception {
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    try (Options options = new Options()) {
      for (byte[] family : RocksDB.listColumnFamilies(options, dir.toString())) {
        descriptors.add(new ColumnFamilyDescriptor(family));
      }
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
      if (value == null) {
        db.delete(handles.get(0), key);
      } else {
        db.put(handles.get(0), key, value);
      }
      handles.forEach(ColumnFamilyHandle::close);
    }
  }

  private void writeSomething() {
    try (RocksDbBytesStore store = open()) {
      store.restore(List.of(new ChangelogRecord(new byte[] {1}, new byte[] {2}, 0, 41)));
      store.finishRestore();
      assertThat(store.appliedOffset()).hasValue(41);
    }
  }

  @Test
  void reopensAVerifiedDirectoryWithItsOffsetAndData() {
    writeSomething();
    try (RocksDbBytesStore store = open()) {
      assertThat(store.appliedOffset()).hasValue(41);
      assertThat(store.get(new byte[] {1})).containsExactly(2);
    }
    assertThat(wiped).isEmpty();
  }

  @Test
  void aDirectoryOfAnotherFormatVersionIsWiped() throws Exception {
    writeSomething();
    // format 1: one column family per segment, written by earlier versions
    rewriteMetadata(RocksDbHandles.FORMAT_KEY, "1".getBytes(StandardCharsets.UTF_8));
    try (RocksDbBytesStore store = open()) {
      assertThat(store.appliedOffset()).isEmpty();
      assertThat(store.get(new byte[] {1})).isNull();
    }
    assertThat(wiped)
        .containsExactly("it has format version '1'; this version of Sluice reads format 2");
  }

  @Test
  void aDatabaseWithoutMetadataIsWiped() throws Exception {
    writeSomething();
    rewriteMetadata(RocksDbHandles.FORMAT_KEY, null);
    try (RocksDbBytesStore store = open()) {
      assertThat(store.appliedOffset()).isEmpty();
    }
    assertThat(wiped).singleElement().asString().contains("no Sluice format record");
  }
}

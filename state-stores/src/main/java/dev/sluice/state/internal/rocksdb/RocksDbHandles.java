package dev.sluice.state.internal.rocksdb;

import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.KeySchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Owns the native handles of one open database: the default column family (metadata: format
 * version, key layout, applied changelog offset) and the {@value #DATA_FAMILY} column family (all
 * store entries). Closing releases, in order: column family handles, the database, the options.
 */
final class RocksDbHandles implements AutoCloseable {

  /**
   * Format version of the directory layout; bump it when the layout changes. Format 1 kept one
   * column family per time segment; format 2 keeps every entry in {@value #DATA_FAMILY}.
   */
  static final byte[] FORMAT = "2".getBytes(StandardCharsets.UTF_8);

  /** The column family holding every entry of the store. */
  static final String DATA_FAMILY = "data";

  static final byte[] DATA_FAMILY_BYTES = DATA_FAMILY.getBytes(StandardCharsets.UTF_8);

  static final byte[] FORMAT_KEY = "sluice.format".getBytes(StandardCharsets.UTF_8);
  static final byte[] LAYOUT_KEY = "sluice.layout".getBytes(StandardCharsets.UTF_8);
  static final byte[] OFFSET_KEY = "sluice.offset".getBytes(StandardCharsets.UTF_8);

  private final RocksDB db;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions columnFamilyOptions;
  private final ColumnFamilyHandle defaultFamily;
  private ColumnFamilyHandle data;
  private final List<String> unknownFamilies = new ArrayList<>();
  private final List<ColumnFamilyHandle> others = new ArrayList<>();

  RocksDbHandles(
      RocksDB db,
      DBOptions dbOptions,
      ColumnFamilyOptions columnFamilyOptions,
      List<ColumnFamilyHandle> families) {
    this.db = db;
    this.dbOptions = dbOptions;
    this.columnFamilyOptions = columnFamilyOptions;
    this.defaultFamily = families.get(0);
    for (ColumnFamilyHandle family : families.subList(1, families.size())) {
      String familyName = familyName(family);
      if (familyName.equals(DATA_FAMILY)) {
        data = family;
      } else {
        unknownFamilies.add(familyName);
        others.add(family);
      }
    }
    if (data == null) {
      throw new IllegalStateException("BUG: the database was opened without its data family");
    }
  }

  private static String familyName(ColumnFamilyHandle family) {
    try {
      return new String(family.getName(), StandardCharsets.UTF_8);
    } catch (RocksDBException e) {
      return "<unreadable: " + e.getMessage() + ">";
    }
  }

  static byte[] encode(long offset) {
    byte[] bytes = new byte[8];
    Bytes.putLong(bytes, 0, offset);
    return bytes;
  }

  RocksDB db() {
    return db;
  }

  ColumnFamilyHandle defaultFamily() {
    return defaultFamily;
  }

  ColumnFamilyOptions columnFamilyOptions() {
    return columnFamilyOptions;
  }

  ColumnFamilyHandle data() {
    return data;
  }

  List<ColumnFamilyHandle> allFamilies() {
    return List.of(data, defaultFamily);
  }

  /**
   * Checks the metadata against the expected layout, writing it into a brand-new database.
   *
   * @return null if the directory can be used, else why not
   */
  String verifyOrInitialize(KeySchema schema) throws RocksDBException {
    byte[] format = db.get(defaultFamily, FORMAT_KEY);
    if (format == null) {
      if (unknownFamilies.isEmpty() && isEmpty(defaultFamily) && isEmpty(data)) {
        db.put(defaultFamily, FORMAT_KEY, FORMAT);
        db.put(defaultFamily, LAYOUT_KEY, schema.descriptor().getBytes(StandardCharsets.UTF_8));
        return null;
      }
      return "the database has no Sluice format record (not a Sluice store directory)";
    }
    if (!java.util.Arrays.equals(format, FORMAT)) {
      return "it has format version '%s'; this version of Sluice reads format %s"
          .formatted(
              new String(format, StandardCharsets.UTF_8),
              new String(FORMAT, StandardCharsets.UTF_8));
    }
    byte[] layout = db.get(defaultFamily, LAYOUT_KEY);
    String found = layout == null ? "<none>" : new String(layout, StandardCharsets.UTF_8);
    if (!found.equals(schema.descriptor())) {
      return "it holds a store of layout '%s' but '%s' was expected"
          .formatted(found, schema.descriptor());
    }
    if (!unknownFamilies.isEmpty()) {
      return "it has unexpected column families " + unknownFamilies;
    }
    return null;
  }

  private boolean isEmpty(ColumnFamilyHandle family) {
    try (RocksIterator iterator = db.newIterator(family)) {
      iterator.seekToFirst();
      return !iterator.isValid();
    }
  }

  long readAppliedOffset() {
    try {
      byte[] offset = db.get(defaultFamily, OFFSET_KEY);
      return offset == null ? BytesStore.NO_OFFSET : Bytes.getLong(offset, 0);
    } catch (RocksDBException e) {
      throw new IllegalStateException("Could not read the applied offset: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    data.close();
    for (ColumnFamilyHandle other : others) {
      other.close();
    }
    defaultFamily.close();
    try {
      db.closeE();
    } catch (RocksDBException e) {
      throw new IllegalStateException("Could not close RocksDB: " + e.getMessage(), e);
    } finally {
      dbOptions.close();
      columnFamilyOptions.close();
    }
  }
}

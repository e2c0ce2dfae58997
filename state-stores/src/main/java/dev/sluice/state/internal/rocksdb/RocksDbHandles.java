package dev.sluice.state.internal.rocksdb;

import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.KeySchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Owns the native handles of one open database and knows the metadata layout of the default column
 * family. Closing releases, in order: column family handles, the database, the options.
 */
final class RocksDbHandles implements AutoCloseable {

  /** Format version of the directory layout; bump it when the layout changes. */
  static final byte[] FORMAT_V1 = "1".getBytes(StandardCharsets.UTF_8);

  static final byte[] FORMAT_KEY = "sluice.format".getBytes(StandardCharsets.UTF_8);
  static final byte[] LAYOUT_KEY = "sluice.layout".getBytes(StandardCharsets.UTF_8);
  static final byte[] OFFSET_KEY = "sluice.offset".getBytes(StandardCharsets.UTF_8);

  private static final String SEGMENT_PREFIX = "seg-";

  private final RocksDB db;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions columnFamilyOptions;
  private final ColumnFamilyHandle defaultFamily;
  private final TreeMap<Long, ColumnFamilyHandle> segments = new TreeMap<>();
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
      Long segmentId = parseSegment(familyName);
      if (segmentId == null) {
        unknownFamilies.add(familyName);
        others.add(family);
      } else {
        segments.put(segmentId, family);
      }
    }
  }

  static String segmentName(long segmentId) {
    return SEGMENT_PREFIX + segmentId;
  }

  static byte[] segmentNameBytes(long segmentId) {
    return segmentName(segmentId).getBytes(StandardCharsets.UTF_8);
  }

  private static Long parseSegment(String familyName) {
    if (!familyName.startsWith(SEGMENT_PREFIX)) {
      return null;
    }
    try {
      return Long.parseLong(familyName.substring(SEGMENT_PREFIX.length()));
    } catch (NumberFormatException e) {
      return null;
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

  TreeMap<Long, ColumnFamilyHandle> segments() {
    return segments;
  }

  List<ColumnFamilyHandle> allFamilies() {
    List<ColumnFamilyHandle> all = new ArrayList<>(segments.values());
    all.add(defaultFamily);
    return all;
  }

  /**
   * Checks the metadata against the expected layout, writing it into a brand-new database.
   *
   * @return null if the directory can be used, else why not
   */
  String verifyOrInitialize(KeySchema schema) throws RocksDBException {
    byte[] format = db.get(defaultFamily, FORMAT_KEY);
    if (format == null) {
      if (segments.isEmpty() && unknownFamilies.isEmpty() && defaultFamilyEmpty()) {
        db.put(defaultFamily, FORMAT_KEY, FORMAT_V1);
        db.put(defaultFamily, LAYOUT_KEY, schema.descriptor().getBytes(StandardCharsets.UTF_8));
        return null;
      }
      return "the database has no Sluice format record (not a Sluice store directory)";
    }
    if (!java.util.Arrays.equals(format, FORMAT_V1)) {
      return "unknown format version '%s'; this version of Sluice reads format 1"
          .formatted(new String(format, StandardCharsets.UTF_8));
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

  private boolean defaultFamilyEmpty() {
    try (RocksIterator iterator = db.newIterator(defaultFamily)) {
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

  /**
   * A lower bound of the stream time the store had seen: the start of its newest segment, or
   * Long.MIN_VALUE if none. O(1) at open; a lower bound can only delay expiry, never drop live
   * data, and the next write moves stream time forward exactly.
   */
  long latestTime(KeySchema schema) {
    if (!schema.segmented() || segments.isEmpty()) {
      return Long.MIN_VALUE;
    }
    return schema.segmentStart(segments.lastKey());
  }

  @Override
  public void close() {
    for (ColumnFamilyHandle segment : segments.values()) {
      segment.close();
    }
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

package dev.sluice.state.internal.rocksdb;

import dev.sluice.state.RocksDbOptionsHook;
import dev.sluice.state.StateStoreException;
import dev.sluice.state.StoreEventListener;
import dev.sluice.state.internal.bytes.KeySchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Opens a store directory, or wipes and recreates it when it cannot be trusted.
 *
 * <p>A directory is reused only if RocksDB opens it and its metadata names the current format
 * version and the expected key layout. Anything else (RocksDB reports corruption, foreign files,
 * another store kind, an unknown version) is reported to the {@link StoreEventListener}, deleted
 * and recreated empty, so the store has no applied offset and is restored from the beginning of its
 * changelog. A directory locked by another open store is an error, never wiped.
 */
public final class RocksDbOpener {

  private RocksDbOpener() {}

  /**
   * Opens (or wipes and recreates) a store.
   *
   * @param name the store name
   * @param directory the store directory
   * @param schema the expected key layout
   * @param memory the shared memory budget
   * @param hook expert options hook, or null
   * @param listener told about wiped directories
   * @return the open engine
   */
  public static RocksDbBytesStore open(
      String name,
      Path directory,
      KeySchema schema,
      RocksDbMemory memory,
      RocksDbOptionsHook hook,
      StoreEventListener listener) {
    try {
      Files.createDirectories(directory);
      String problem;
      RocksDbHandles handles = null;
      if (!Files.exists(directory.resolve("CURRENT")) && !isEmpty(directory)) {
        problem = "the directory holds files but no RocksDB database";
      } else {
        try {
          handles = openHandles(name, directory, memory, hook);
          problem = handles.verifyOrInitialize(schema);
        } catch (RocksDBException e) {
          if (isLockFailure(e)) {
            throw new StateStoreException(
                ("Store '%s': directory %s is locked by another open store or process; close"
                        + " that store first")
                    .formatted(name, directory),
                e);
          }
          problem = "RocksDB could not open it: " + e.getMessage();
        }
      }
      if (problem == null) {
        return new RocksDbBytesStore(name, directory, schema, handles, memory);
      }
      if (handles != null) {
        handles.close();
      }
      wipe(directory);
      listener.onStoreWiped(name, directory, problem);
      RocksDbHandles fresh = openHandles(name, directory, memory, hook);
      String again = fresh.verifyOrInitialize(schema);
      if (again != null) {
        fresh.close();
        throw new IllegalStateException(
            "BUG: store '%s' freshly created in %s is unusable: %s"
                .formatted(name, directory, again));
      }
      return new RocksDbBytesStore(name, directory, schema, fresh, memory);
    } catch (RocksDBException e) {
      throw new StateStoreException(
          "Store '%s' could not be opened in %s: %s".formatted(name, directory, e.getMessage()), e);
    } catch (IOException e) {
      throw new StateStoreException(
          "Store '%s' directory %s is not usable: %s".formatted(name, directory, e), e);
    }
  }

  private static boolean isLockFailure(RocksDBException e) {
    // RocksDB reports "While lock file: <dir>/LOCK" or "lock hold by current process".
    String message = String.valueOf(e.getMessage());
    return message.contains("While lock file") || message.contains("lock hold by");
  }

  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  private static RocksDbHandles openHandles(
      String name, Path directory, RocksDbMemory memory, RocksDbOptionsHook hook)
      throws RocksDBException {
    DBOptions dbOptions =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setAtomicFlush(true)
            .setMaxBackgroundJobs(2)
            .setKeepLogFileNum(2)
            .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
    ColumnFamilyOptions columnFamilyOptions = new ColumnFamilyOptions();
    memory.apply(dbOptions, columnFamilyOptions);
    if (hook != null) {
      hook.configure(name, dbOptions, columnFamilyOptions);
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnFamilyOptions));
    // The data family is created if missing; any other family found is opened so the layout
    // check can name it.
    descriptors.add(
        new ColumnFamilyDescriptor(RocksDbHandles.DATA_FAMILY_BYTES, columnFamilyOptions));
    try {
      if (Files.exists(directory.resolve("CURRENT"))) {
        try (Options options = new Options()) {
          for (byte[] family : RocksDB.listColumnFamilies(options, directory.toString())) {
            if (!java.util.Arrays.equals(family, RocksDB.DEFAULT_COLUMN_FAMILY)
                && !java.util.Arrays.equals(family, RocksDbHandles.DATA_FAMILY_BYTES)) {
              descriptors.add(new ColumnFamilyDescriptor(family, columnFamilyOptions));
            }
          }
        }
      }
      List<ColumnFamilyHandle> families = new ArrayList<>();
      RocksDB db = RocksDB.open(dbOptions, directory.toString(), descriptors, families);
      return new RocksDbHandles(db, dbOptions, columnFamilyOptions, families);
    } catch (RocksDBException | RuntimeException e) {
      dbOptions.close();
      columnFamilyOptions.close();
      throw e;
    }
  }

  private static void wipe(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Files.createDirectories(directory);
  }
}

package dev.sluice.testdriver.internal;

import dev.sluice.state.StateStores;
import dev.sluice.streams.SluiceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The state a test driver owns: its {@link StateStores} and its state directory. The directory is
 * {@code state.dir} if the test set it (kept on close), else a fresh temporary directory (deleted
 * on close). Record caches are off unless the test sets {@code state.cache.bytes}, so each update
 * is visible right after a pipe.
 */
public final class DriverState implements AutoCloseable {
  private final StateStores stores;
  private final Path directory;
  private final boolean temporary;

  /**
   * Creates the factory and the directory.
   *
   * @param config the driver's settings
   */
  public DriverState(Map<String, Object> config) {
    Map<String, Object> settings = new HashMap<>(config);
    settings.putIfAbsent(StateStores.CACHE_BYTES_CONFIG, 0L);
    // the driver's stores are small: keep RocksDB's shared memory small too
    settings.putIfAbsent(StateStores.MEMORY_BYTES_CONFIG, 16L << 20);
    Object dir = config.get(SluiceConfig.STATE_DIR);
    try {
      this.temporary = dir == null;
      this.directory =
          temporary ? Files.createTempDirectory("sluice-driver-") : Path.of(dir.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary state directory", e);
    }
    this.stores = StateStores.create(settings);
  }

  /**
   * The store factory.
   *
   * @return the factory
   */
  public StateStores stores() {
    return stores;
  }

  /**
   * The state directory.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * Whether record caches are on.
   *
   * @return true if {@code state.cache.bytes} is above zero
   */
  public boolean caching() {
    return stores.cacheBudgetBytes() > 0;
  }

  /** Closes the factory (and any store still open) and deletes a temporary directory. */
  @Override
  public void close() {
    stores.close();
    if (temporary) {
      deleteRecursively(directory);
    }
  }

  private static void deleteRecursively(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException error)
                throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the driver's state directory " + root, e);
    }
  }
}

package dev.sluice.testdriver.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Last-resort cleanup: one JVM shutdown hook kills every broker child process and deletes every
 * data directory that was not released by a {@code close()}.
 *
 * <p>It covers a test that forgets to close, or a JVM that exits through {@code System.exit}; a
 * test JVM killed with SIGKILL runs no hooks, which is why each child also watches its parent (see
 * {@link BrokerMain}).
 */
final class Reaper {

  private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
  private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Reaper::reapAll, "sluice-kafka-reaper"));
  }

  private Reaper() {}

  static void track(Process process) {
    PROCESSES.add(process);
  }

  static void release(Process process) {
    PROCESSES.remove(process);
  }

  /** Creates a temporary directory that is deleted at JVM exit unless {@link #delete} ran first. */
  static Path newDirectory(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      DIRECTORIES.add(dir);
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a temporary directory for a broker", e);
    }
  }

  /** Deletes a directory tree; best effort, since a failed delete must not fail a test's close. */
  static void delete(Path dir) {
    DIRECTORIES.remove(dir);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Reaper::deleteQuietly);
    } catch (IOException | RuntimeException e) {
      // Leaves files in the temp dir; nothing else depends on them being gone.
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A broker being killed may still be writing; the rest of the tree is still worth deleting.
    }
  }

  private static void reapAll() {
    for (Process process : PROCESSES) {
      process.destroyForcibly();
    }
    for (Process process : PROCESSES) {
      process.onExit().join();
    }
    for (Path dir : DIRECTORIES) {
      delete(dir);
    }
  }
}

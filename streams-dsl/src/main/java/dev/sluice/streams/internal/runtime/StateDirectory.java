package dev.sluice.streams.internal.runtime;

import dev.sluice.streams.StreamsException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The application's directory under {@code state.dir}: {@code <state.dir>/<application.id>},
 * holding one directory per task. An OS file lock makes it exclusive to one running instance, so
 * two instances can never write the same task state; the lock dies with the process.
 */
final class StateDirectory implements AutoCloseable {
  private final Path root;
  private final FileChannel channel;
  private final FileLock lock;

  private StateDirectory(Path root, FileChannel channel, FileLock lock) {
    this.root = root;
    this.channel = channel;
    this.lock = lock;
  }

  static StateDirectory lock(Path stateDir, String applicationId) {
    Path root = stateDir.resolve(applicationId);
    FileChannel channel = null;
    try {
      Files.createDirectories(root);
      channel =
          FileChannel.open(
              root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw locked(root, null);
      }
      return new StateDirectory(root, channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw locked(root, e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StreamsException(
          String.format(
              "cannot use state directory %s: %s; check state.dir and its permissions", root, e),
          e);
    } catch (StreamsException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static StreamsException locked(Path root, Exception cause) {
    return new StreamsException(
        String.format(
            "state directory %s is in use by another running instance of this application: give"
                + " each instance on this machine its own state.dir",
            root),
        cause);
  }

  Path root() {
    return root;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the lock goes with the channel anyway
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing to do: the OS releases the lock when the process ends
      }
    }
  }
}

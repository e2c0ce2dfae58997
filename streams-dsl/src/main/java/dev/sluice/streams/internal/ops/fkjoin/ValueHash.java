package dev.sluice.streams.internal.ops.fkjoin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A 128-bit digest of a serialized left value (the first half of its SHA-256). Both the step that
 * subscribes and the step that resolves responses hash the value's bytes through the left store's
 * serde, so equal bytes give equal hashes in every task and after a restart. It tells values apart,
 * it is not a security measure.
 *
 * <p>Not thread-safe: one per processor.
 */
final class ValueHash {
  static final int LENGTH = 16;

  private final MessageDigest digest;

  ValueHash() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: every Java runtime has SHA-256", e);
    }
  }

  byte[] of(byte[] serialized) {
    return Arrays.copyOf(digest.digest(serialized), LENGTH);
  }
}

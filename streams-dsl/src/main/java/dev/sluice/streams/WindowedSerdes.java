package dev.sluice.streams;

import dev.sluice.state.Windowed;
import dev.sluice.streams.internal.Checks;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes for the keys of windowed tables, in Kafka Streams' byte layout so that either library can
 * read the other's output: time windows are the key bytes followed by the 8-byte big-endian window
 * start (the end is start + size, which the reader must know); sessions are the key bytes followed
 * by the 8-byte end and the 8-byte start.
 */
public final class WindowedSerdes {
  private static final int LONG = Long.BYTES;

  private WindowedSerdes() {}

  /**
   * The serde of time-windowed keys.
   *
   * @param inner the key serde
   * @param size the window size, to compute the end when reading
   * @param <K> key type
   * @return the serde
   */
  public static <K> Serde<Windowed<K>> timeWindowed(Serde<K> inner, Duration size) {
    Checks.notNull(inner, "inner");
    long sizeMs = Checks.notNull(size, "size").toMillis();
    Checks.argument(sizeMs > 0, "WindowedSerdes: window size was %s; use a positive one", size);
    Serializer<Windowed<K>> serializer =
        (topic, windowed) ->
            windowed == null
                ? null
                : append(inner.serializer().serialize(topic, windowed.key()), windowed.start());
    Deserializer<Windowed<K>> deserializer =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          int keyLength = checkedKeyLength(bytes, LONG);
          long start = ByteBuffer.wrap(bytes, keyLength, LONG).getLong();
          K key = inner.deserializer().deserialize(topic, Arrays.copyOf(bytes, keyLength));
          return Windowed.of(key, start, start + sizeMs);
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  /**
   * The serde of session-windowed keys.
   *
   * @param inner the key serde
   * @param <K> key type
   * @return the serde
   */
  public static <K> Serde<Windowed<K>> sessionWindowed(Serde<K> inner) {
    Checks.notNull(inner, "inner");
    Serializer<Windowed<K>> serializer =
        (topic, windowed) ->
            windowed == null
                ? null
                : append(
                    append(inner.serializer().serialize(topic, windowed.key()), windowed.end()),
                    windowed.start());
    Deserializer<Windowed<K>> deserializer =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          int keyLength = checkedKeyLength(bytes, 2 * LONG);
          ByteBuffer times = ByteBuffer.wrap(bytes, keyLength, 2 * LONG);
          long end = times.getLong();
          long start = times.getLong();
          K key = inner.deserializer().deserialize(topic, Arrays.copyOf(bytes, keyLength));
          return Windowed.of(key, start, end);
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private static int checkedKeyLength(byte[] bytes, int suffix) {
    Checks.argument(
        bytes.length >= suffix,
        "WindowedSerdes: a windowed key needs at least %s bytes, got %s",
        suffix,
        bytes.length);
    return bytes.length - suffix;
  }

  private static byte[] append(byte[] key, long time) {
    byte[] keyBytes = key == null ? new byte[0] : key;
    return ByteBuffer.allocate(keyBytes.length + LONG).put(keyBytes).putLong(time).array();
  }
}

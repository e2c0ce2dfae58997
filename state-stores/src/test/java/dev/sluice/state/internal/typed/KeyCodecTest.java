package dev.sluice.state.internal.typed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.internal.bytes.Bytes;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Escaping round-trips and preserves (key, time) order, over random keys. */
class KeyCodecTest {

  private static byte[] randomKey(Random random) {
    byte[] key = new byte[random.nextInt(4)];
    for (int i = 0; i < key.length; i++) {
      key[i] = new byte[] {0, 1, (byte) 0xFF, 'a'}[random.nextInt(4)];
    }
    return key;
  }

  @Test
  void roundTripsAndKeepsKeyThenTimeOrder() {
    Random random = new Random(3);
    for (int i = 0; i < 5000; i++) {
      byte[] a = randomKey(random);
      byte[] b = randomKey(random);
      long ta = random.nextInt(3);
      long tb = random.nextInt(3);
      byte[] ka = KeyCodec.timedKey(KeyCodec.escape(a), ta);
      byte[] kb = KeyCodec.timedKey(KeyCodec.escape(b), tb);
      assertThat(KeyCodec.unescape(ka, ka.length - 8)).containsExactly(a);
      int expected = Arrays.compareUnsigned(a, b);
      if (expected == 0) {
        expected = Long.compare(ta, tb);
      }
      assertThat(Integer.signum(Bytes.compare(ka, kb)))
          .as("%s@%s vs %s@%s", Bytes.hex(a), ta, Bytes.hex(b), tb)
          .isEqualTo(Integer.signum(expected));
    }
  }
}

package dev.sluice.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sluice.serdes.avro.v1.Order;
import dev.sluice.serdes.avro.v1.Status;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: random, mutated, truncated and hand-crafted payloads (lengths claiming gigabytes,
 * wrong magic bytes, unknown schemas, deep nesting). Every deserializer must either return a value
 * or throw a {@link SerializationException}, quickly and without allocating much more than the
 * input; surefire runs with a 256 MiB heap, so believing a multi-GiB length claim would also fail
 * here with an {@code OutOfMemoryError}.
 */
class HostileBytesTest {

  private static final String TOPIC = "hostile";
  private static final int RANDOM_PAYLOADS = 3_000;
  private static final int MUTATIONS = 3_000;

  /** Per payload; first-use class loading and resolver building stay well under this. */
  private static final long MAX_ALLOCATION = 16L << 20;

  /** For hand-crafted payloads after warm-up: a claimed length must never be allocated. */
  private static final long MAX_WARM_ALLOCATION = 1L << 20;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final Random random = new Random(0xBADB17E5L);

  @Test
  void primitiveDeserializersSurviveRandomAndMutatedBytes() {
    fuzz(SluiceSerdes.strings(), List.of("", "abc"));
    fuzz(SluiceSerdes.longs(), List.of(Long.MIN_VALUE, 0L));
    fuzz(SluiceSerdes.integers(), List.of(Integer.MAX_VALUE, -1));
    fuzz(SluiceSerdes.shorts(), List.of((short) 7));
    fuzz(SluiceSerdes.doubles(), List.of(Double.NaN));
    fuzz(SluiceSerdes.floats(), List.of(1.5f));
    fuzz(SluiceSerdes.booleans(), List.of(true, false));
    fuzz(SluiceSerdes.uuids(), List.of(UUID.randomUUID()));
    fuzz(SluiceSerdes.byteArrays(), List.of(new byte[] {1, 2}));
    fuzz(SluiceSerdes.byteBuffers(), List.of(ByteBuffer.wrap(new byte[] {3})));
    fuzz(SluiceSerdes.voids(), List.of());
  }

  @Test
  void listDeserializersSurviveRandomMutatedAndTruncatedBytes() {
    fuzz(
        SluiceSerdes.listOf(SluiceSerdes.longs()),
        List.of(Arrays.asList(1L, null, 3L), List.of(), List.of(Long.MAX_VALUE)));
    fuzz(
        SluiceSerdes.listOf(SluiceSerdes.strings()),
        List.of(Arrays.asList("a", null, ""), List.of("xyz")));
    fuzz(SluiceSerdes.listOf(SluiceSerdes.uuids()), List.of(List.of(new UUID(1, 2))));
  }

  @Test
  void listLengthClaimsAreCheckedBeforeAllocating() {
    Deserializer<List<String>> strings = SluiceSerdes.listOf(SluiceSerdes.strings()).deserializer();
    Deserializer<List<Long>> longs = SluiceSerdes.listOf(SluiceSerdes.longs()).deserializer();
    crafted(strings, bytes(1, Integer.MAX_VALUE), "list size 2147483647 exceeds");
    crafted(strings, bytes(1, 1, Integer.MAX_VALUE), "claims 2147483647 bytes");
    crafted(strings, bytes(1, -5), "list size -5");
    crafted(longs, bytes(0, Integer.MAX_VALUE), "null-entry count 2147483647");
    crafted(longs, bytes(0, 0, Integer.MAX_VALUE), "list size 2147483647");
    crafted(strings, new byte[] {7}, "unknown strategy byte 7");
    crafted(strings, new byte[0], "empty input");
    crafted(strings, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0}, "String is variable-size");
  }

  @Test
  void manyNullIndexesDoNotMakeListReadingQuadratic() {
    int nulls = 200_000;
    ByteBuffer payload = ByteBuffer.allocate(1 + 4 + 4 * nulls + 4);
    payload.put((byte) 0).putInt(nulls);
    for (int i = 0; i < nulls; i++) {
      payload.putInt(i);
    }
    payload.putInt(nulls);
    Deserializer<List<Long>> longs = SluiceSerdes.listOf(SluiceSerdes.longs()).deserializer();
    List<Long> read =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> longs.deserialize(TOPIC, payload.array()));
    assertThat(read).hasSize(nulls).containsOnlyNulls();
  }

  @Test
  void jsonSurvivesRandomMutatedAndTruncatedBytes() {
    fuzz(
        SluiceSerdes.json(JsonSerdesTest.Order.class),
        List.of(
            new JsonSerdesTest.Order(
                "o-1", "Ada", 1999, JsonSerdesTest.Status.PAID, List.of("a", "b"))));
  }

  @Test
  void deeplyNestedJsonIsASerializationErrorNotAStackOverflow() {
    byte[] nested = "[".repeat(200_000).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> SluiceSerdes.json(Object.class).deserializer().deserialize(TOPIC, nested))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void avroSurvivesRandomMutatedAndTruncatedBytesInBothWireFormats() {
    for (AvroWireFormat format : AvroWireFormat.values()) {
      InMemorySchemaStore store = new InMemorySchemaStore();
      AvroOptions options = AvroOptions.of(store, "hostile-value").withWireFormat(format);
      List<GenericRecord> generic = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        generic.add(AvroSerdesTest.randomEverything(random, i));
      }
      fuzz(AvroSerdes.generic(AvroSerdesTest.EVERYTHING, options), generic);
      fuzz(
          AvroSerdes.specific(Order.class, AvroOptions.of(store, "o").withWireFormat(format)),
          List.of(
              Order.newBuilder()
                  .setId("o-1")
                  .setCustomer("Ada")
                  .setAmountCents(5)
                  .setStatus(Status.NEW)
                  .setCoupon("C")
                  .build()));
      fuzz(
          AvroSerdes.reflect(
              AvroSerdesTest.Purchase.class, AvroOptions.of(store, "p").withWireFormat(format)),
          List.of(new AvroSerdesTest.Purchase("p", "c", 1, "NEW", 2)));
    }
  }

  @Test
  void avroLengthAndCountClaimsAreCheckedBeforeAllocating() {
    Schema schema =
        InMemorySchemaStoreTest.parse(
            """
            {"type": "record", "name": "Claims", "fields": [
              {"name": "s", "type": "string"},
              {"name": "b", "type": "bytes"},
              {"name": "a", "type": {"type": "array", "items": "long"}},
              {"name": "m", "type": {"type": "map", "values": "string"}}
            ]}""");
    InMemorySchemaStore store = new InMemorySchemaStore();
    TypedSerde<GenericRecord> serde = AvroSerdes.generic(schema, AvroOptions.of(store, "c"));
    GenericData.Record valid = new GenericData.Record(schema);
    valid.put("s", "x");
    valid.put("b", ByteBuffer.wrap(new byte[] {1}));
    valid.put("a", List.of(1L));
    valid.put("m", Map.of("k", "v"));
    byte[] header = Arrays.copyOf(serde.serializer().serialize(TOPIC, valid), 10);
    Deserializer<GenericRecord> in = serde.deserializer();
    long twoGiB = Integer.MAX_VALUE;
    long exabytes = 1L << 60;

    crafted(in, concat(header, varint(twoGiB)), "string length 2147483647");
    crafted(in, concat(header, varint(exabytes)), "string length " + exabytes);
    crafted(in, concat(header, varint(-1)), "string length -1");
    crafted(in, concat(header, varint(0), varint(twoGiB)), "bytes length 2147483647");
    crafted(in, concat(header, varint(0), varint(0), varint(twoGiB)), "array block claims");
    crafted(
        in,
        concat(header, varint(0), varint(0), varint(-twoGiB), varint(twoGiB)),
        "array block claims");
    crafted(in, concat(header, varint(0), varint(0), varint(0), varint(twoGiB)), "map block");
    crafted(in, concat(header, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}), "ends inside");
    crafted(in, concat(header, new byte[11]), "trailing bytes");
  }

  @Test
  void wrongMagicUnknownSchemasAndShortHeadersNameTheReason() {
    InMemorySchemaStore store = new InMemorySchemaStore();
    Deserializer<GenericRecord> in =
        AvroSerdes.generic(AvroSerdesTest.EVERYTHING, AvroOptions.of(store, "e")).deserializer();
    crafted(in, new byte[] {0x7B, 0x22}, "unknown magic byte 0x7b");
    crafted(in, new byte[0], "empty");
    crafted(in, new byte[] {(byte) 0xC3, 0x01, 1, 2}, "needs 10 bytes");
    crafted(in, new byte[] {(byte) 0xC3, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "version 0x02");
    crafted(
        in,
        new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0},
        "fingerprint 0x0807060504030201 is not in the schema store");
    crafted(in, new byte[] {0, 0, 0, 0, 42, 0}, "id 42 is not in the schema store");
    crafted(in, new byte[] {0, 0, 0}, "needs 5 bytes");
  }

  @Test
  void deepAvroRecursionIsASerializationErrorNotAStackOverflow() {
    Schema list =
        InMemorySchemaStoreTest.parse(
            """
            {"type": "record", "name": "Node", "fields": [
              {"name": "next", "type": ["null", "Node"]}
            ]}""");
    InMemorySchemaStore store = new InMemorySchemaStore();
    TypedSerde<GenericRecord> serde = AvroSerdes.generic(list, AvroOptions.of(store, "n"));
    GenericData.Record end = new GenericData.Record(list);
    byte[] header = Arrays.copyOf(serde.serializer().serialize(TOPIC, end), 10);
    byte[] deep = new byte[2_000_000];
    Arrays.fill(deep, (byte) 2); // union branch 1 ("Node"), again and again
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, concat(header, deep)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Node");
  }

  /**
   * Feeds random payloads, random bytes behind a valid header, mutations and every truncation of
   * each valid value's encoding to the serde's deserializer.
   */
  private <T> void fuzz(TypedSerde<T> serde, List<T> valid) {
    Deserializer<T> deserializer = serde.deserializer();
    List<byte[]> encoded = new ArrayList<>();
    for (T value : valid) {
      encoded.add(serde.serializer().serialize(TOPIC, value));
    }
    for (int i = 0; i < RANDOM_PAYLOADS; i++) {
      byte[] payload = SluiceSerdesTest.randomBytes(random);
      if (!encoded.isEmpty() && random.nextBoolean()) {
        byte[] prefix = encoded.get(random.nextInt(encoded.size()));
        payload = concat(Arrays.copyOf(prefix, Math.min(prefix.length, 10)), payload);
      }
      survives(deserializer, payload);
    }
    for (int i = 0; i < MUTATIONS && !encoded.isEmpty(); i++) {
      survives(deserializer, mutate(encoded.get(random.nextInt(encoded.size()))));
    }
    for (byte[] bytes : encoded) {
      for (int length = 0; length < bytes.length; length++) {
        byte[] truncated = Arrays.copyOf(bytes, length);
        Function<byte[], Object> read = b -> deserializer.deserialize(TOPIC, b);
        if (!(serde.type() == String.class
            || serde.type() == byte[].class
            || serde.type() == ByteBuffer.class)) {
          assertThatThrownBy(() -> read.apply(truncated))
              .as("%s truncated to %s of %s bytes", serde, length, bytes.length)
              .isInstanceOf(SerializationException.class);
        }
      }
    }
  }

  private static <T> void survives(Deserializer<T> deserializer, byte[] payload) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    try {
      deserializer.deserialize(TOPIC, payload);
    } catch (SerializationException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } catch (RuntimeException | Error e) {
      fail("%s on %s", e, Arrays.toString(payload), e);
    }
    assertThat(THREADS.getCurrentThreadAllocatedBytes() - before)
        .as("bytes allocated reading %s", Arrays.toString(payload))
        .isLessThan(MAX_ALLOCATION);
  }

  /** Asserts a clean, named failure that allocates little once the code paths are warm. */
  private static <T> void crafted(Deserializer<T> deserializer, byte[] payload, String reason) {
    for (int attempt = 0; attempt < 2; attempt++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining(reason);
      if (attempt == 1) {
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - before)
            .as("bytes allocated rejecting a payload that claims: %s", reason)
            .isLessThan(MAX_WARM_ALLOCATION);
      }
    }
  }

  private byte[] mutate(byte[] bytes) {
    byte[] copy = bytes.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        if (copy.length > 0) {
          copy[random.nextInt(copy.length)] = (byte) random.nextInt();
        }
        return copy;
      }
      case 1 -> {
        for (int i = 0; i < 1 + random.nextInt(4) && copy.length > 0; i++) {
          copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
      }
      case 2 -> {
        // Plant a huge varint or int32 somewhere: the classic "length field claims gigabytes".
        byte[] huge = random.nextBoolean() ? varint(random.nextLong() >>> 1) : bytes(-1 >>> 1);
        int at = copy.length == 0 ? 0 : random.nextInt(copy.length);
        return concat(Arrays.copyOf(copy, at), huge, Arrays.copyOfRange(copy, at, copy.length));
      }
      default -> {
        int at = copy.length == 0 ? 0 : random.nextInt(copy.length);
        byte[] extra = SluiceSerdesTest.randomBytes(random);
        return concat(Arrays.copyOf(copy, at), extra, Arrays.copyOfRange(copy, at, copy.length));
      }
    }
  }

  /** Avro's zig-zag varint encoding of {@code value}. */
  static byte[] varint(long value) {
    long n = (value << 1) ^ (value >> 63);
    ByteBuffer out = ByteBuffer.allocate(10);
    while ((n & ~0x7FL) != 0) {
      out.put((byte) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.put((byte) n);
    return Arrays.copyOf(out.array(), out.position());
  }

  /** A strategy byte followed by big-endian int32s, the list wire format's building blocks. */
  private static byte[] bytes(int first, int... ints) {
    ByteBuffer out = ByteBuffer.allocate(1 + 4 * ints.length);
    out.put((byte) first);
    for (int i : ints) {
      out.putInt(i);
    }
    return out.array();
  }

  static byte[] concat(byte[]... parts) {
    Map<Integer, byte[]> ordered = new LinkedHashMap<>();
    int length = 0;
    for (int i = 0; i < parts.length; i++) {
      ordered.put(i, parts[i]);
      length += parts[i].length;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    ordered.values().forEach(out::put);
    return out.array();
  }
}

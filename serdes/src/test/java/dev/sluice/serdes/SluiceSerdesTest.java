package dev.sluice.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ListSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** Round-trip property tests for every built-in serde over random, edge and null values. */
class SluiceSerdesTest {

  private static final int RUNS = 2_000;
  private static final String TOPIC = "t";

  private final Random random = new Random(20261121L);

  @Test
  void stringsRoundTripIncludingEmptyAndSupplementaryCharacters() {
    roundTrip(SluiceSerdes.strings(), r -> randomString(r), "", "\uD83D\uDE00 é ß 中", null);
  }

  @Test
  void longsRoundTripIncludingExtremes() {
    roundTrip(
        SluiceSerdes.longs(), Random::nextLong, Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, null);
  }

  @Test
  void integersRoundTripIncludingExtremes() {
    roundTrip(
        SluiceSerdes.integers(), Random::nextInt, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, null);
  }

  @Test
  void shortsRoundTripIncludingExtremes() {
    roundTrip(
        SluiceSerdes.shorts(), r -> (short) r.nextInt(), Short.MIN_VALUE, Short.MAX_VALUE, null);
  }

  @Test
  void doublesRoundTripBitForBit() {
    roundTrip(
        SluiceSerdes.doubles(),
        r -> Double.longBitsToDouble(r.nextLong()),
        Double.NaN,
        -0.0,
        0.0,
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        Double.MIN_VALUE,
        Double.MAX_VALUE,
        null);
  }

  @Test
  void floatsRoundTripBitForBit() {
    roundTrip(
        SluiceSerdes.floats(),
        r -> Float.intBitsToFloat(r.nextInt()),
        Float.NaN,
        -0.0f,
        Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE,
        Float.MAX_VALUE,
        null);
  }

  @Test
  void booleansRoundTrip() {
    roundTrip(SluiceSerdes.booleans(), Random::nextBoolean, true, false, null);
  }

  @Test
  void uuidsRoundTrip() {
    roundTrip(
        SluiceSerdes.uuids(),
        r -> new UUID(r.nextLong(), r.nextLong()),
        new UUID(0, 0),
        new UUID(-1, -1),
        null);
  }

  @Test
  void byteArraysRoundTripByContent() {
    TypedSerde<byte[]> serde = SluiceSerdes.byteArrays();
    for (int i = 0; i < RUNS; i++) {
      byte[] value = randomBytes(random);
      assertThat(
              serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, value)))
          .isEqualTo(value);
    }
    assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, null)))
        .isNull();
  }

  @Test
  void byteBuffersRoundTripTheirRemainingBytes() {
    TypedSerde<ByteBuffer> serde = SluiceSerdes.byteBuffers();
    for (int i = 0; i < RUNS; i++) {
      byte[] bytes = randomBytes(random);
      ByteBuffer read =
          serde
              .deserializer()
              .deserialize(TOPIC, serde.serializer().serialize(TOPIC, ByteBuffer.wrap(bytes)));
      byte[] back = new byte[read.remaining()];
      read.get(back);
      assertThat(back).isEqualTo(bytes);
    }
  }

  @Test
  void voidsRoundTripNullAndRejectBytes() {
    TypedSerde<Void> serde = SluiceSerdes.voids();
    assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, null)))
        .isNull();
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Void");
  }

  @Test
  void listsOfConstantAndVariableSizeElementsRoundTripWithNulls() {
    roundTripLists(SluiceSerdes.longs(), Random::nextLong);
    roundTripLists(SluiceSerdes.integers(), Random::nextInt);
    roundTripLists(SluiceSerdes.shorts(), r -> (short) r.nextInt());
    roundTripLists(SluiceSerdes.doubles(), Random::nextDouble);
    roundTripLists(SluiceSerdes.floats(), Random::nextFloat);
    roundTripLists(SluiceSerdes.uuids(), r -> new UUID(r.nextLong(), r.nextLong()));
    roundTripLists(SluiceSerdes.strings(), SluiceSerdesTest::randomString);
    roundTripLists(SluiceSerdes.booleans(), Random::nextBoolean);
  }

  @Test
  void listsReadTheBytesThatKafkaClientsListSerializerWrites() {
    List<Long> longs = Arrays.asList(1L, null, Long.MIN_VALUE);
    byte[] written = new ListSerializer<>(Serdes.Long().serializer()).serialize(TOPIC, longs);
    assertThat(SluiceSerdes.listOf(SluiceSerdes.longs()).deserializer().deserialize(TOPIC, written))
        .isEqualTo(longs);
    List<String> strings = Arrays.asList("a", null, "");
    byte[] stringBytes =
        new ListSerializer<>(Serdes.String().serializer()).serialize(TOPIC, strings);
    assertThat(
            SluiceSerdes.listOf(SluiceSerdes.strings())
                .deserializer()
                .deserialize(TOPIC, stringBytes))
        .isEqualTo(strings);
  }

  @Test
  void typesAreDeclared() {
    assertThat(SluiceSerdes.strings().type()).isEqualTo(String.class);
    assertThat(SluiceSerdes.byteArrays().type()).isEqualTo(byte[].class);
    assertThat(SluiceSerdes.listOf(SluiceSerdes.longs()).type()).isEqualTo(List.class);
  }

  @Test
  void typedWrapsAUsersSerdeWithoutChangingItsBytes() {
    TypedSerde<String> typed = SluiceSerdes.typed(String.class, Serdes.String());
    assertThat(typed.serializer().serialize(TOPIC, "x"))
        .isEqualTo(Serdes.String().serializer().serialize(TOPIC, "x"));
    assertThat(typed.type()).isEqualTo(String.class);
  }

  @SafeVarargs
  private <T> void roundTrip(TypedSerde<T> serde, Function<Random, T> gen, T... edges) {
    List<T> values = new ArrayList<>();
    for (T edge : edges) {
      values.add(edge);
    }
    for (int i = 0; i < RUNS; i++) {
      values.add(gen.apply(random));
    }
    for (T value : values) {
      byte[] bytes = serde.serializer().serialize(TOPIC, value);
      assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(value);
    }
  }

  private <T> void roundTripLists(TypedSerde<T> elements, Function<Random, T> gen) {
    TypedSerde<List<T>> serde = SluiceSerdes.listOf(elements);
    for (int i = 0; i < RUNS / 10; i++) {
      int size = random.nextInt(20);
      List<T> list = new ArrayList<>();
      for (int j = 0; j < size; j++) {
        list.add(random.nextInt(5) == 0 ? null : gen.apply(random));
      }
      byte[] bytes = serde.serializer().serialize(TOPIC, list);
      assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(list);
    }
    assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, null)))
        .isNull();
  }

  static String randomString(Random r) {
    int length = r.nextInt(30);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int codePoint;
      do {
        codePoint = r.nextInt(4) == 0 ? r.nextInt(Character.MAX_CODE_POINT + 1) : r.nextInt(128);
      } while (Character.getType(codePoint) == Character.SURROGATE);
      s.appendCodePoint(codePoint);
    }
    return s.toString();
  }

  static byte[] randomBytes(Random r) {
    byte[] bytes = new byte[r.nextInt(64)];
    r.nextBytes(bytes);
    return bytes;
  }
}

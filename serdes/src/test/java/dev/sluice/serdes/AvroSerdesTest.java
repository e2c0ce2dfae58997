package dev.sluice.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.serdes.avro.v1.Order;
import dev.sluice.serdes.avro.v1.Status;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Avro generic, specific and reflect serdes in both wire formats. */
class AvroSerdesTest {

  private static final String TOPIC = "orders";

  static final Schema EVERYTHING =
      InMemorySchemaStoreTest.parse(
          """
          {"type": "record", "name": "Everything", "fields": [
            {"name": "s", "type": "string"},
            {"name": "l", "type": "long"},
            {"name": "i", "type": "int"},
            {"name": "d", "type": "double"},
            {"name": "f", "type": "float"},
            {"name": "b", "type": "boolean"},
            {"name": "bytes", "type": "bytes"},
            {"name": "maybe", "type": ["null", "string"], "default": null},
            {"name": "list", "type": {"type": "array", "items": "long"}},
            {"name": "map", "type": {"type": "map", "values": "int"}},
            {"name": "fixed", "type": {"type": "fixed", "name": "F4", "size": 4}},
            {"name": "color", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "BLUE"]}}
          ]}
          """);

  /** A Java record for the reflect serde. */
  record Purchase(String id, String customer, long amountCents, String status, long timestamp) {}

  /** A POJO for the reflect serde. */
  public static final class Account {
    String owner;
    long balance;
    List<String> tags;

    public Account() {}

    Account(String owner, long balance, List<String> tags) {
      this.owner = owner;
      this.balance = balance;
      this.tags = tags;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Account a
          && Objects.equals(owner, a.owner)
          && balance == a.balance
          && Objects.equals(tags, a.tags);
    }

    @Override
    public int hashCode() {
      return Objects.hash(owner, balance, tags);
    }
  }

  private final Random random = new Random(99);

  @Test
  void genericRecordsRoundTripOverRandomValuesInBothWireFormats() {
    for (AvroWireFormat format : AvroWireFormat.values()) {
      AvroOptions options =
          AvroOptions.of(new InMemorySchemaStore(), "everything-value").withWireFormat(format);
      TypedSerde<GenericRecord> serde = AvroSerdes.generic(EVERYTHING, options);
      for (int i = 0; i < 1_000; i++) {
        GenericRecord record = randomEverything(random, i);
        GenericRecord read =
            serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, record));
        // The JSON rendering compares strings with Utf8 and bytes by content.
        assertThat(read).hasToString(record.toString());
        assertThat(read.get("s").toString()).isEqualTo(record.get("s"));
      }
      assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
      assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }
  }

  @Test
  void singleObjectEncodingIsC301ThenTheLittleEndianFingerprint() {
    InMemorySchemaStore store = new InMemorySchemaStore();
    TypedSerde<GenericRecord> serde = AvroSerdes.generic(EVERYTHING, AvroOptions.of(store, "e"));
    byte[] bytes = serde.serializer().serialize(TOPIC, randomEverything(random, 0));
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(EVERYTHING));
  }

  @Test
  void schemaIdHeaderIsZeroThenTheBigEndianId() {
    InMemorySchemaStore store = new InMemorySchemaStore();
    store.register("other", InMemorySchemaStoreTest.V1);
    AvroOptions options = AvroOptions.of(store, "e").withWireFormat(AvroWireFormat.SCHEMA_ID);
    TypedSerde<GenericRecord> serde = AvroSerdes.generic(EVERYTHING, options);
    byte[] bytes = serde.serializer().serialize(TOPIC, randomEverything(random, 0));
    assertThat(bytes[0]).isZero();
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt())
        .isEqualTo(store.lookup("e", EVERYTHING).orElseThrow().id())
        .isEqualTo(2);
  }

  @Test
  void aDeserializerReadsBothWireFormatsWhateverItsSerializerWrites() {
    InMemorySchemaStore store = new InMemorySchemaStore();
    GenericRecord record = randomEverything(random, 3);
    byte[] singleObject =
        AvroSerdes.generic(EVERYTHING, AvroOptions.of(store, "e"))
            .serializer()
            .serialize(TOPIC, record);
    TypedSerde<GenericRecord> schemaId =
        AvroSerdes.generic(
            EVERYTHING, AvroOptions.of(store, "e").withWireFormat(AvroWireFormat.SCHEMA_ID));
    byte[] withId = schemaId.serializer().serialize(TOPIC, record);
    assertThat(Arrays.copyOfRange(singleObject, 10, singleObject.length))
        .isEqualTo(Arrays.copyOfRange(withId, 5, withId.length));
    assertThat(schemaId.deserializer().deserialize(TOPIC, singleObject))
        .hasToString(record.toString());
  }

  @Test
  void specificRecordsRoundTrip() {
    TypedSerde<Order> serde =
        AvroSerdes.specific(Order.class, AvroOptions.of(new InMemorySchemaStore(), "orders-value"));
    for (int i = 0; i < 500; i++) {
      Order order =
          Order.newBuilder()
              .setId("o-" + i)
              .setCustomer(SluiceSerdesTest.randomString(random))
              .setAmountCents(random.nextInt())
              .setStatus(Status.values()[random.nextInt(3)])
              .setTimestamp(random.nextLong())
              .setCoupon(random.nextBoolean() ? null : "SAVE" + i)
              .build();
      assertThat(
              serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, order)))
          .isEqualTo(order);
    }
    assertThat(serde.type()).isEqualTo(Order.class);
  }

  @Test
  void javaRecordsRoundTripThroughReflection() {
    TypedSerde<Purchase> serde =
        AvroSerdes.reflect(Purchase.class, AvroOptions.of(new InMemorySchemaStore(), "p"));
    for (int i = 0; i < 500; i++) {
      Purchase purchase =
          new Purchase(
              "p-" + i,
              SluiceSerdesTest.randomString(random),
              random.nextLong(),
              i % 2 == 0 ? "NEW" : "PAID",
              random.nextLong());
      assertThat(
              serde
                  .deserializer()
                  .deserialize(TOPIC, serde.serializer().serialize(TOPIC, purchase)))
          .isEqualTo(purchase);
    }
  }

  @Test
  void pojosRoundTripThroughReflection() {
    TypedSerde<Account> serde =
        AvroSerdes.reflect(Account.class, AvroOptions.of(new InMemorySchemaStore(), "a"));
    Account account = new Account("Ada", Long.MIN_VALUE, List.of("x", "ü"));
    assertThat(
            serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, account)))
        .isEqualTo(account);
  }

  @Test
  void withoutAutoRegistrationAnUnregisteredSchemaFailsNamingTheSubject() {
    InMemorySchemaStore store = new InMemorySchemaStore();
    TypedSerde<GenericRecord> serde =
        AvroSerdes.generic(EVERYTHING, AvroOptions.of(store, "e").withAutoRegister(false));
    GenericRecord record = randomEverything(random, 1);
    assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, record))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("subject 'e'")
        .hasMessageContaining("withAutoRegister");
    store.register("e", EVERYTHING);
    assertThat(serde.serializer().serialize(TOPIC, record)).isNotEmpty();
  }

  @Test
  void aNullForANonNullableFieldFailsOnWriteNamingTheType() {
    TypedSerde<Purchase> serde =
        AvroSerdes.reflect(Purchase.class, AvroOptions.of(new InMemorySchemaStore(), "p"));
    assertThatThrownBy(
            () -> serde.serializer().serialize(TOPIC, new Purchase(null, "c", 1, "NEW", 2)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(Purchase.class.getName());
  }

  static GenericRecord randomEverything(Random random, int i) {
    GenericData.Record record = new GenericData.Record(EVERYTHING);
    long[] longEdges = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
    record.put("s", i % 7 == 0 ? "" : SluiceSerdesTest.randomString(random));
    record.put("l", i < longEdges.length ? longEdges[i] : random.nextLong());
    record.put("i", i == 0 ? Integer.MIN_VALUE : random.nextInt());
    record.put("d", i == 1 ? Double.NaN : random.nextDouble());
    record.put("f", i == 2 ? Float.NEGATIVE_INFINITY : random.nextFloat());
    record.put("b", random.nextBoolean());
    record.put("bytes", ByteBuffer.wrap(SluiceSerdesTest.randomBytes(random)));
    record.put("maybe", random.nextBoolean() ? null : SluiceSerdesTest.randomString(random));
    record.put("list", List.of(random.nextLong(), random.nextLong()));
    record.put("map", i % 3 == 0 ? Map.of() : Map.of("k" + i, random.nextInt()));
    byte[] fixed = new byte[4];
    random.nextBytes(fixed);
    record.put("fixed", new GenericData.Fixed(EVERYTHING.getField("fixed").schema(), fixed));
    record.put(
        "color",
        new GenericData.EnumSymbol(
            EVERYTHING.getField("color").schema(), random.nextBoolean() ? "RED" : "BLUE"));
    return record;
  }
}

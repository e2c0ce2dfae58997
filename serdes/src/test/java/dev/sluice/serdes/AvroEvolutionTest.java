package dev.sluice.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.serdes.avro.v1.Order;
import dev.sluice.serdes.avro.v1.Status;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.reflect.AvroAlias;
import org.apache.avro.reflect.AvroDefault;
import org.apache.avro.reflect.Nullable;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Schema evolution: each compatible change reads across versions through the serdes, and each
 * breaking change is refused at registration with its reasons listed.
 */
class AvroEvolutionTest {

  private static final String TOPIC = "orders";
  private static final String SUBJECT = "orders-value";

  /** The first version of a Java record read and written through Avro reflection. */
  record PurchaseV1(String id, int amount) {}

  /**
   * The next version: amount widened, a field added with {@code @AvroDefault}, an optional field
   * added with {@code @Nullable}; the alias maps the old record name.
   */
  @AvroAlias(alias = "PurchaseV1", space = "dev.sluice.serdes.AvroEvolutionTest")
  record PurchaseV2(
      String id, long amount, @AvroDefault("\"none\"") String note, @Nullable String coupon) {}

  private static final Schema BASE =
      schema("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"int\"}");

  @Test
  void addingAFieldWithADefaultReadsBothWaysUnderFullCompatibility() {
    Schema added =
        schema(
            "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"int\"},"
                + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"none\"}");
    InMemorySchemaStore store = new InMemorySchemaStore(Compatibility.FULL);

    GenericRecord oldRead = roundTrip(store, BASE, added, record(BASE, "o-1", 5));
    assertThat(oldRead.get("note").toString()).isEqualTo("none");

    GenericRecord newRecord = record(added, "o-2", 6);
    newRecord.put("note", "gift");
    GenericRecord newReadByOld = roundTrip(store, added, BASE, newRecord);
    assertThat(newReadByOld.get("id").toString()).isEqualTo("o-2");
    assertThat(newReadByOld.getSchema().getField("note")).isNull();
  }

  @Test
  void removingAFieldThatHadADefaultReadsBothWays() {
    Schema withDefault =
        schema(
            "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"int\"},"
                + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"none\"}");
    InMemorySchemaStore store = new InMemorySchemaStore(Compatibility.FULL_TRANSITIVE);
    GenericRecord old = record(withDefault, "o-1", 5);
    old.put("note", "gift");

    assertThat(roundTrip(store, withDefault, BASE, old).get("amount")).isEqualTo(5);
    assertThat(roundTrip(store, BASE, withDefault, record(BASE, "o-2", 7)).get("note").toString())
        .isEqualTo("none");
  }

  @Test
  void renamingWithAnAliasLetsTheNewReaderReadOldData() {
    Schema renamed =
        schema(
            "{\"name\":\"id\",\"type\":\"string\"},"
                + "{\"name\":\"amountCents\",\"type\":\"int\",\"aliases\":[\"amount\"]}");
    InMemorySchemaStore store = new InMemorySchemaStore(Compatibility.BACKWARD);
    assertThat(roundTrip(store, BASE, renamed, record(BASE, "o-1", 42)).get("amountCents"))
        .isEqualTo(42);
  }

  @Test
  void wideningIntToLongLetsTheNewReaderReadOldData() {
    Schema widened =
        schema("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"long\"}");
    InMemorySchemaStore store = new InMemorySchemaStore(Compatibility.BACKWARD);
    assertThat(
            roundTrip(store, BASE, widened, record(BASE, "o-1", Integer.MIN_VALUE)).get("amount"))
        .isEqualTo((long) Integer.MIN_VALUE);
    // Old readers would have to narrow long to int, so FORWARD refuses the change, saying why.
    InMemorySchemaStore forward = new InMemorySchemaStore(Compatibility.FORWARD);
    forward.register(SUBJECT, BASE);
    assertThat(forward.checkCompatibility(SUBJECT, widened))
        .singleElement()
        .asString()
        .contains("TYPE_MISMATCH", "/fields/1/type", "version 1 cannot read");
  }

  @Test
  void generatedClassesReadAcrossVersionsWithEveryChangeAtOnce() {
    InMemorySchemaStore store = new InMemorySchemaStore(Compatibility.BACKWARD);
    TypedSerde<Order> v1 = AvroSerdes.specific(Order.class, AvroOptions.of(store, SUBJECT));
    TypedSerde<dev.sluice.serdes.avro.v2.Order> v2 =
        AvroSerdes.specific(dev.sluice.serdes.avro.v2.Order.class, AvroOptions.of(store, SUBJECT));
    Order old =
        Order.newBuilder()
            .setId("o-1")
            .setCustomer("Ada")
            .setAmountCents(1999)
            .setStatus(Status.PAID)
            .setTimestamp(1_700_000_000_000L)
            .setCoupon("SAVE10")
            .build();

    dev.sluice.serdes.avro.v2.Order read =
        v2.deserializer().deserialize(TOPIC, v1.serializer().serialize(TOPIC, old));

    assertThat(read.getId()).isEqualTo("o-1");
    assertThat(read.getCustomerName()).isEqualTo("Ada"); // renamed through the alias
    assertThat(read.getAmountCents()).isEqualTo(1999L); // int widened to long
    assertThat(read.getStatus()).isEqualTo(dev.sluice.serdes.avro.v2.Status.PAID);
    assertThat(read.getCoupon()).isEqualTo("SAVE10");
    assertThat(read.getNote()).isEmpty(); // added with a default; timestamp was removed

    // v2 is backward compatible, so it registers; a consumer still on v1 cannot read its data and
    // is told why instead of getting garbage.
    byte[] newData =
        v2.serializer()
            .serialize(
                TOPIC,
                dev.sluice.serdes.avro.v2.Order.newBuilder()
                    .setId("o-2")
                    .setCustomerName("Bob")
                    .setAmountCents(5L)
                    .setStatus(dev.sluice.serdes.avro.v2.Status.NEW)
                    .build());
    assertThat(store.versions(SUBJECT)).hasSize(2);
    assertThatThrownBy(() -> v1.deserializer().deserialize(TOPIC, newData))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot be resolved")
        .hasMessageContaining("customer")
        .hasMessageContaining("TYPE_MISMATCH");
  }

  @Test
  void javaRecordsEvolveThroughReflectionAnnotations() {
    InMemorySchemaStore store = new InMemorySchemaStore(Compatibility.BACKWARD);
    byte[] old =
        AvroSerdes.reflect(PurchaseV1.class, AvroOptions.of(store, SUBJECT))
            .serializer()
            .serialize(TOPIC, new PurchaseV1("p-1", 42));
    TypedSerde<PurchaseV2> v2 =
        AvroSerdes.reflect(PurchaseV2.class, AvroOptions.of(store, SUBJECT));

    assertThat(v2.deserializer().deserialize(TOPIC, old))
        .isEqualTo(new PurchaseV2("p-1", 42L, "none", null));
    PurchaseV2 current = new PurchaseV2("p-2", 7L, "gift", "SAVE");
    assertThat(v2.deserializer().deserialize(TOPIC, v2.serializer().serialize(TOPIC, current)))
        .isEqualTo(current);
    assertThat(store.versions(SUBJECT)).hasSize(2);
  }

  @Test
  void addingAFieldWithoutDefaultUnderBackwardIsRejectedAtFirstSerialize() {
    InMemorySchemaStore store = new InMemorySchemaStore(Compatibility.BACKWARD);
    store.register(SUBJECT, BASE);
    Schema noDefault =
        schema(
            "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"int\"},"
                + "{\"name\":\"note\",\"type\":\"string\"}");
    TypedSerde<GenericRecord> serde = AvroSerdes.generic(noDefault, AvroOptions.of(store, SUBJECT));
    GenericRecord record = record(noDefault, "o-1", 1);
    record.put("note", "n");

    assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, record))
        .isInstanceOfSatisfying(
            IncompatibleSchemaException.class,
            e ->
                assertThat(e.incompatibilities())
                    .singleElement()
                    .asString()
                    .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "note"));
    assertThat(store.versions(SUBJECT)).hasSize(1);
  }

  @Test
  void changingTypesIsRejectedListingEveryIncompatibility() {
    InMemorySchemaStore store = new InMemorySchemaStore(Compatibility.FULL);
    store.register(SUBJECT, BASE);
    Schema broken =
        schema(
            "{\"name\":\"id\",\"type\":\"int\"},{\"name\":\"amount\",\"type\":\"string\"},"
                + "{\"name\":\"extra\",\"type\":\"long\"}");

    assertThatThrownBy(() -> store.register(SUBJECT, broken))
        .isInstanceOfSatisfying(
            IncompatibleSchemaException.class,
            e -> {
              assertThat(e.incompatibilities())
                  .anySatisfy(p -> assertThat(p).contains("TYPE_MISMATCH", "/fields/0/type"))
                  .anySatisfy(p -> assertThat(p).contains("TYPE_MISMATCH", "/fields/1/type"))
                  .anySatisfy(p -> assertThat(p).contains("READER_FIELD_MISSING_DEFAULT_VALUE"))
                  .anySatisfy(p -> assertThat(p).contains("version 1 cannot read data"));
              assertThat(e.getMessage()).contains("not FULL compatible");
            });
  }

  /**
   * Writes {@code value} with {@code writer}, then reads it with a serde built on {@code reader}.
   */
  private static GenericRecord roundTrip(
      InMemorySchemaStore store, Schema writer, Schema reader, GenericRecord value) {
    store.register(SUBJECT, writer);
    store.register(SUBJECT, reader);
    byte[] bytes =
        AvroSerdes.generic(writer, AvroOptions.of(store, SUBJECT))
            .serializer()
            .serialize(TOPIC, value);
    return AvroSerdes.generic(reader, AvroOptions.of(store, SUBJECT))
        .deserializer()
        .deserialize(TOPIC, bytes);
  }

  private static GenericRecord record(Schema schema, String id, int amount) {
    GenericData.Record record = new GenericData.Record(schema);
    record.put("id", id);
    record.put("amount", amount);
    return record;
  }

  private static Schema schema(String fields) {
    return InMemorySchemaStoreTest.parse(
        "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"t\",\"fields\":[" + fields + "]}");
  }
}

package dev.sluice.benchmarks.serdes;

import dev.sluice.benchmarks.serdes.avro.Order;
import dev.sluice.serdes.AvroOptions;
import dev.sluice.serdes.AvroSerdes;
import dev.sluice.serdes.InMemorySchemaStore;
import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.serdes.TypedSerde;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Serialize then deserialize one order (id, customer, amount, status, timestamp) through the JSON,
 * Avro specific (generated class) and Avro reflect (Java record) serdes. Each operation is one
 * round trip, so the score is round trips per second; the serialized sizes are printed at setup.
 *
 * <p>Run: {@code mvn -pl benchmarks package exec:exec -Djmh.args="SerdeBenchmark -prof gc"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeBenchmark {

  /** The order as a plain Java record, for JSON and Avro reflect. */
  public record OrderRecord(
      String id, String customer, long amountCents, String status, long timestamp) {}

  private static final String TOPIC = "orders";

  private OrderRecord record;
  private Order specific;
  private Serializer<OrderRecord> jsonSerializer;
  private Deserializer<OrderRecord> jsonDeserializer;
  private Serializer<Order> specificSerializer;
  private Deserializer<Order> specificDeserializer;
  private Serializer<OrderRecord> reflectSerializer;
  private Deserializer<OrderRecord> reflectDeserializer;

  /** Builds the serdes and the order, registers the schemas, and prints the serialized sizes. */
  @Setup
  public void setUp() {
    record = new OrderRecord("order-000042", "customer-1234", 129_99L, "PAID", 1_700_000_000_000L);
    specific =
        Order.newBuilder()
            .setId(record.id())
            .setCustomer(record.customer())
            .setAmountCents(record.amountCents())
            .setStatus(record.status())
            .setTimestamp(record.timestamp())
            .build();
    InMemorySchemaStore store = new InMemorySchemaStore();
    TypedSerde<OrderRecord> json = SluiceSerdes.json(OrderRecord.class);
    TypedSerde<Order> avroSpecific =
        AvroSerdes.specific(Order.class, AvroOptions.of(store, "orders-specific"));
    TypedSerde<OrderRecord> avroReflect =
        AvroSerdes.reflect(OrderRecord.class, AvroOptions.of(store, "orders-reflect"));
    jsonSerializer = json.serializer();
    jsonDeserializer = json.deserializer();
    specificSerializer = avroSpecific.serializer();
    specificDeserializer = avroSpecific.deserializer();
    reflectSerializer = avroReflect.serializer();
    reflectDeserializer = avroReflect.deserializer();
    System.out.printf(
        "%nbytes/record: json=%s avroSpecific=%s avroReflect=%s (Avro sizes include the 10-byte"
            + " single-object header)%n",
        jsonSerializer.serialize(TOPIC, record).length,
        specificSerializer.serialize(TOPIC, specific).length,
        reflectSerializer.serialize(TOPIC, record).length);
  }

  /** JSON through jackson-databind. */
  @Benchmark
  public OrderRecord json() {
    return jsonDeserializer.deserialize(TOPIC, jsonSerializer.serialize(TOPIC, record));
  }

  /** Avro with a class generated from {@code order.avsc}. */
  @Benchmark
  public Order avroSpecific() {
    return specificDeserializer.deserialize(TOPIC, specificSerializer.serialize(TOPIC, specific));
  }

  /** Avro reflect over the Java record. */
  @Benchmark
  public OrderRecord avroReflect() {
    return reflectDeserializer.deserialize(TOPIC, reflectSerializer.serialize(TOPIC, record));
  }
}

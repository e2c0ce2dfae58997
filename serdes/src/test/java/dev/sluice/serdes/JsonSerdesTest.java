package dev.sluice.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** JSON serdes for records and POJOs: round trips, unknown fields, and error positions. */
class JsonSerdesTest {

  private static final String TOPIC = "orders";

  /** A Java record, read back through its canonical constructor. */
  record Order(String id, String customer, long amountCents, Status status, List<String> tags) {}

  enum Status {
    NEW,
    PAID,
    SHIPPED
  }

  /** A mutable POJO with a no-argument constructor and bean accessors. */
  public static final class Customer {
    private String name;
    private int age;

    public Customer() {}

    Customer(String name, int age) {
      this.name = name;
      this.age = age;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public int getAge() {
      return age;
    }

    public void setAge(int age) {
      this.age = age;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Customer c && Objects.equals(name, c.name) && age == c.age;
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, age);
    }
  }

  @Test
  void recordsRoundTripOverRandomValues() {
    TypedSerde<Order> serde = SluiceSerdes.json(Order.class);
    Random random = new Random(7);
    for (int i = 0; i < 1_000; i++) {
      Order order =
          new Order(
              random.nextBoolean() ? null : SluiceSerdesTest.randomString(random),
              SluiceSerdesTest.randomString(random),
              random.nextLong(),
              random.nextBoolean() ? null : Status.values()[random.nextInt(3)],
              random.nextBoolean() ? null : List.of(SluiceSerdesTest.randomString(random)));
      assertThat(
              serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, order)))
          .isEqualTo(order);
    }
    assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, null)))
        .isNull();
  }

  @Test
  void pojosRoundTrip() {
    TypedSerde<Customer> serde = SluiceSerdes.json(Customer.class);
    Customer customer = new Customer("Ada", 36);
    assertThat(
            serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, customer)))
        .isEqualTo(customer);
  }

  @Test
  void unknownFieldsAreIgnoredByDefault() {
    byte[] json = utf8("{\"name\":\"Ada\",\"age\":36,\"email\":\"ada@example.com\"}");
    assertThat(SluiceSerdes.json(Customer.class).deserializer().deserialize(TOPIC, json))
        .isEqualTo(new Customer("Ada", 36));
  }

  @Test
  void unknownFieldsAreRejectedOnRequestNamingTheField() {
    byte[] json = utf8("{\"name\":\"Ada\",\n\"email\":\"ada@example.com\"}");
    assertThatThrownBy(
            () ->
                SluiceSerdes.json(Customer.class, UnknownFields.REJECT)
                    .deserializer()
                    .deserialize(TOPIC, json))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(Customer.class.getName())
        .hasMessageContaining("email")
        .hasMessageContaining("line 2");
  }

  @Test
  void malformedJsonNamesTheTargetTypeLineAndColumn() {
    byte[] json = utf8("{\"id\":\"o-1\",\n  \"customer\": oops}");
    assertThatThrownBy(() -> SluiceSerdes.json(Order.class).deserializer().deserialize(TOPIC, json))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(Order.class.getName())
        .hasMessageContaining("line 2, column 20");
  }

  @Test
  void trailingContentAndWrongShapesAreSerializationErrors() {
    TypedSerde<Order> serde = SluiceSerdes.json(Order.class);
    for (String bad :
        List.of("{\"id\":\"a\"} {}", "[1,2]", "", "{\"amountCents\":\"x\"}", "\"s\"")) {
      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, utf8(bad)))
          .as(bad)
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining(Order.class.getName());
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

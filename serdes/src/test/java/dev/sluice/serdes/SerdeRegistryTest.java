package dev.sluice.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** Serdes by type: built-ins, user registrations, missing types and mismatches. */
class SerdeRegistryTest {

  private static final String TOPIC = "t";

  @Test
  void builtInsAreRegisteredAndWork() {
    SerdeRegistry registry = SerdeRegistry.withBuiltIns();
    for (Class<?> type :
        List.of(
            String.class,
            Long.class,
            Integer.class,
            Short.class,
            Double.class,
            Float.class,
            Boolean.class,
            byte[].class,
            ByteBuffer.class,
            UUID.class,
            Void.class)) {
      assertThat(registry.serdeFor(type).type()).isEqualTo(type);
    }
    TypedSerde<Long> longs = registry.serdeFor(Long.class);
    assertThat(longs.deserializer().deserialize(TOPIC, longs.serializer().serialize(TOPIC, 42L)))
        .isEqualTo(42L);
  }

  @Test
  void primitiveClassesFindTheirBoxedSerde() {
    SerdeRegistry registry = SerdeRegistry.withBuiltIns();
    assertThat(registry.serdeFor(long.class).type()).isEqualTo(Long.class);
    assertThat(registry.serdeFor(boolean.class).type()).isEqualTo(Boolean.class);
  }

  @Test
  void usersRegisterTheirOwnTypesAndOverrideBuiltIns() {
    SerdeRegistry registry = SerdeRegistry.withBuiltIns();
    TypedSerde<JsonSerdesTest.Order> orders = SluiceSerdes.json(JsonSerdesTest.Order.class);
    registry.register(JsonSerdesTest.Order.class, orders);
    assertThat(registry.serdeFor(JsonSerdesTest.Order.class)).isSameAs(orders);

    Serde<String> plain = Serdes.String();
    registry.register(String.class, plain);
    assertThat(registry.serdeFor(String.class).serializer()).isSameAs(plain.serializer());
  }

  @Test
  void aMissingTypeNamesTheClassAndHowToRegisterIt() {
    assertThatThrownBy(() -> SerdeRegistry.withBuiltIns().serdeFor(JsonSerdesTest.Order.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(JsonSerdesTest.Order.class.getName())
        .hasMessageContaining("registry.register(Order.class, serde)");
    assertThat(SerdeRegistry.empty().find(String.class)).isEmpty();
  }

  @Test
  void aSerdeForOneTypeUsedWhereAnotherIsExpectedFailsNamingBoth() {
    SerdeRegistry registry = SerdeRegistry.withBuiltIns();
    assertThatThrownBy(
            () -> registry.checkType(SluiceSerdes.strings(), Long.class, "stream(orders) value"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream(orders) value")
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("java.lang.Long");
    // A plain serde that the registry knows by identity is checked too.
    Serde<String> plain = Serdes.String();
    registry.register(String.class, plain);
    TypedSerde<String> registered = registry.serdeFor(String.class);
    assertThatThrownBy(() -> registry.checkType(registered, Integer.class, "table(t) key"))
        .hasMessageContaining("java.lang.Integer");
  }

  @Test
  void aMatchingSerdePassesAndComesBackTyped() {
    SerdeRegistry registry = SerdeRegistry.withBuiltIns();
    TypedSerde<Long> longs = SluiceSerdes.longs();
    assertThat(registry.checkType(longs, Long.class, "here")).isSameAs(longs);
    assertThat(registry.checkType(longs, long.class, "here").type()).isEqualTo(Long.class);
    TypedSerde<String> unknown = registry.checkType(Serdes.String(), String.class, "here");
    assertThat(unknown.type()).isEqualTo(String.class);
  }

  @Test
  void typingAnAlreadyTypedSerdeAsAnotherTypeFails() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Serde<Long> lying = (Serde) SluiceSerdes.strings();
    assertThatThrownBy(() -> SluiceSerdes.typed(Long.class, lying))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String");
  }
}

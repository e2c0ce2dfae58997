package dev.sluice.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/** Registration, lookup by id and fingerprint, and compatibility modes of the in-memory store. */
class InMemorySchemaStoreTest {

  static final Schema V1 =
      parse(
          "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
  static final Schema V2_WITH_DEFAULT =
      parse(
          "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
              + "{\"name\":\"x\",\"type\":\"string\",\"default\":\"a\"}]}");
  static final Schema V3_WITHOUT_DEFAULT =
      parse(
          "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
              + "{\"name\":\"x\",\"type\":\"string\"}]}");

  @Test
  void registrationAssignsVersionsIdsAndFingerprints() {
    InMemorySchemaStore store = new InMemorySchemaStore();
    RegisteredSchema first = store.register("r-value", V1);
    RegisteredSchema second = store.register("r-value", V2_WITH_DEFAULT);

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(first.id()).isNotEqualTo(second.id());
    assertThat(first.fingerprint()).isEqualTo(SchemaNormalization.parsingFingerprint64(V1));
    assertThat(store.schemaById(second.id())).contains(V2_WITH_DEFAULT);
    assertThat(store.schemaByFingerprint(first.fingerprint())).contains(V1);
    assertThat(store.versions("r-value")).containsExactly(first, second);
    assertThat(store.schemaById(999)).isEmpty();
    assertThat(store.schemaByFingerprint(42L)).isEmpty();
  }

  @Test
  void registeringTheSameSchemaAgainIsIdempotentAndIdsAreSharedAcrossSubjects() {
    InMemorySchemaStore store = new InMemorySchemaStore();
    RegisteredSchema first = store.register("a", V1);
    assertThat(store.register("a", V1)).isEqualTo(first);
    RegisteredSchema other = store.register("b", V1);
    assertThat(other.id()).isEqualTo(first.id());
    assertThat(other.version()).isEqualTo(1);
    assertThat(store.lookup("b", V1)).contains(other);
    assertThat(store.lookup("b", V2_WITH_DEFAULT)).isEmpty();
  }

  @Test
  void backwardRejectsAFieldWithoutDefaultAndListsTheReason() {
    InMemorySchemaStore store = new InMemorySchemaStore(Compatibility.BACKWARD);
    store.register("r", V1);
    assertThatThrownBy(() -> store.register("r", V3_WITHOUT_DEFAULT))
        .isInstanceOfSatisfying(
            IncompatibleSchemaException.class,
            e -> {
              assertThat(e.subject()).isEqualTo("r");
              assertThat(e.compatibility()).isEqualTo(Compatibility.BACKWARD);
              assertThat(e.incompatibilities())
                  .singleElement()
                  .asString()
                  .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "version 1", "x");
            })
        .hasMessageContaining("not BACKWARD compatible");
    assertThat(store.versions("r")).hasSize(1);
  }

  @Test
  void transitiveModesCheckEveryEarlierVersionNotOnlyTheLatest() {
    InMemorySchemaStore plain = new InMemorySchemaStore(Compatibility.BACKWARD);
    plain.register("r", V1);
    plain.register("r", V2_WITH_DEFAULT);
    // v3 reads v2 data (x is present there) but not v1 data (x is missing and has no default).
    assertThat(plain.register("r", V3_WITHOUT_DEFAULT).version()).isEqualTo(3);

    InMemorySchemaStore transitive = new InMemorySchemaStore(Compatibility.BACKWARD_TRANSITIVE);
    transitive.register("r", V1);
    transitive.register("r", V2_WITH_DEFAULT);
    assertThat(transitive.checkCompatibility("r", V3_WITHOUT_DEFAULT))
        .singleElement()
        .asString()
        .contains("version 1");
    assertThatThrownBy(() -> transitive.register("r", V3_WITHOUT_DEFAULT))
        .isInstanceOf(IncompatibleSchemaException.class);
  }

  @Test
  void forwardAndFullCheckThatOldReadersReadNewData() {
    InMemorySchemaStore store = new InMemorySchemaStore(Compatibility.FORWARD);
    store.register("r", V3_WITHOUT_DEFAULT);
    // Old readers of V3 need x, which V1 data lacks.
    assertThat(store.checkCompatibility("r", V1))
        .singleElement()
        .asString()
        .contains("version 1 cannot read data written with the new schema");

    store.setCompatibility("r", Compatibility.FULL);
    assertThat(store.compatibility("r")).isEqualTo(Compatibility.FULL);
    assertThat(store.compatibility("other")).isEqualTo(Compatibility.FORWARD);
    assertThat(store.checkCompatibility("r", V2_WITH_DEFAULT)).isEmpty();

    store.setCompatibility("r", Compatibility.NONE);
    assertThat(store.register("r", V1).version()).isEqualTo(2);
  }

  @Test
  void blankSubjectsAreRejectedWithTheValue() {
    assertThatThrownBy(() -> new InMemorySchemaStore().register(" ", V1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("' '");
  }

  static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }
}

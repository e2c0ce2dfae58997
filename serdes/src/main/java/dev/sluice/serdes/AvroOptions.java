package dev.sluice.serdes;

import dev.sluice.serdes.internal.Checks;

/**
 * Where and how an Avro serde keeps its schemas: the {@link SchemaStore}, the subject, the {@link
 * AvroWireFormat} and whether the serializer registers its schema itself.
 *
 * <p>Immutable; each {@code with*} method returns a copy.
 *
 * <pre>{@code
 * AvroOptions options = AvroOptions.of(store, "orders-value").withWireFormat(AvroWireFormat.SCHEMA_ID);
 * }</pre>
 */
public final class AvroOptions {

  private final SchemaStore store;
  private final String subject;
  private final AvroWireFormat wireFormat;
  private final boolean autoRegister;

  private AvroOptions(
      SchemaStore store, String subject, AvroWireFormat wireFormat, boolean autoRegister) {
    this.store = store;
    this.subject = subject;
    this.wireFormat = wireFormat;
    this.autoRegister = autoRegister;
  }

  /**
   * Options that use {@code store} and {@code subject}, write {@link AvroWireFormat#SINGLE_OBJECT}
   * and register the writer schema on the first {@code serialize} call.
   *
   * @param store the schema store
   * @param subject the subject the writer schema is registered under, e.g. {@code orders-value}
   * @return the options
   */
  public static AvroOptions of(SchemaStore store, String subject) {
    Checks.checkNotNull(store, "AvroOptions.of(store, '%s'): store must not be null", subject);
    Checks.checkArgument(
        subject != null && !subject.isBlank(),
        "AvroOptions.of(store, subject): subject must be a non-blank name such as"
            + " 'orders-value', was '%s'",
        subject);
    return new AvroOptions(store, subject, AvroWireFormat.SINGLE_OBJECT, true);
  }

  /**
   * A copy that writes {@code wireFormat}.
   *
   * @param wireFormat the header to write
   * @return the new options
   */
  public AvroOptions withWireFormat(AvroWireFormat wireFormat) {
    Checks.checkNotNull(wireFormat, "withWireFormat(wireFormat): must not be null");
    return new AvroOptions(store, subject, wireFormat, autoRegister);
  }

  /**
   * A copy that registers (true) or only looks up (false) the writer schema. With {@code false},
   * serializing fails until someone has registered the schema, which suits deployments where
   * schemas are registered by a build step rather than by applications.
   *
   * @param autoRegister whether the serializer registers its schema
   * @return the new options
   */
  public AvroOptions withAutoRegister(boolean autoRegister) {
    return new AvroOptions(store, subject, wireFormat, autoRegister);
  }

  /**
   * The schema store.
   *
   * @return the store
   */
  public SchemaStore store() {
    return store;
  }

  /**
   * The subject the writer schema is registered under.
   *
   * @return the subject
   */
  public String subject() {
    return subject;
  }

  /**
   * The header the serializer writes.
   *
   * @return the wire format
   */
  public AvroWireFormat wireFormat() {
    return wireFormat;
  }

  /**
   * Whether the serializer registers its schema.
   *
   * @return true if it does
   */
  public boolean autoRegister() {
    return autoRegister;
  }

  @Override
  public String toString() {
    return String.format(
        "AvroOptions[subject=%s, wireFormat=%s, autoRegister=%s]",
        subject, wireFormat, autoRegister);
  }
}

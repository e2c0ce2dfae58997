package dev.sluice.serdes;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Where Avro serdes register writer schemas and look them up again when reading.
 *
 * <p>Schemas are grouped by subject (usually {@code <topic>-value} or {@code <topic>-key}); each
 * subject has an ordered list of versions and a {@link Compatibility} mode that every new version
 * must satisfy. A schema is found again by its store-wide id (the 5-byte header) or by its
 * CRC-64-AVRO fingerprint (Avro's single-object encoding).
 *
 * <p>Implementations must be thread-safe: serializers and deserializers call them from stream
 * threads. {@link InMemorySchemaStore} is the one implementation today; a store backed by a
 * compacted Kafka topic will follow with the runtime.
 */
public interface SchemaStore {

  /**
   * Registers {@code schema} as the next version of {@code subject}, or returns the existing
   * version if an equal schema is already registered there.
   *
   * @param subject the subject
   * @param schema the schema
   * @return the registered version
   * @throws IncompatibleSchemaException if the schema breaks the subject's compatibility mode; the
   *     message lists every incompatibility
   */
  RegisteredSchema register(String subject, Schema schema);

  /**
   * Lists what registering {@code schema} under {@code subject} would violate, without registering
   * it.
   *
   * @param subject the subject
   * @param schema the candidate schema
   * @return one line per incompatibility; empty if the schema would be accepted
   */
  List<String> checkCompatibility(String subject, Schema schema);

  /**
   * Finds the version of {@code subject} that equals {@code schema}.
   *
   * @param subject the subject
   * @param schema the schema
   * @return the version, or empty if the schema is not registered under the subject
   */
  Optional<RegisteredSchema> lookup(String subject, Schema schema);

  /**
   * Finds a schema by its store-wide id.
   *
   * @param id the id from a schema-id header
   * @return the schema, or empty if no schema has that id
   */
  Optional<Schema> schemaById(int id);

  /**
   * Finds a schema by the CRC-64-AVRO fingerprint of its parsing canonical form.
   *
   * @param fingerprint the fingerprint from a single-object header
   * @return the schema, or empty if no registered schema has that fingerprint
   */
  Optional<Schema> schemaByFingerprint(long fingerprint);

  /**
   * All versions of a subject, oldest first.
   *
   * @param subject the subject
   * @return an immutable list, empty for an unknown subject
   */
  List<RegisteredSchema> versions(String subject);

  /**
   * The compatibility mode of {@code subject}: its own if one was set, else the store's default.
   *
   * @param subject the subject
   * @return the mode
   */
  Compatibility compatibility(String subject);

  /**
   * Sets the compatibility mode that later registrations under {@code subject} must satisfy.
   *
   * @param subject the subject
   * @param compatibility the mode
   */
  void setCompatibility(String subject, Compatibility compatibility);
}

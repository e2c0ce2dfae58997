package dev.sluice.serdes;

import dev.sluice.serdes.internal.Checks;
import dev.sluice.serdes.internal.avro.CompatibilityChecker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A {@link SchemaStore} held in this JVM's memory, for tests, the test driver and single-instance
 * applications. Schemas are lost when the JVM exits, so data written with it can only be read by
 * the same process; use a shared store for anything else.
 *
 * <p>Ids are assigned from 1 in registration order, one per distinct schema (by its full JSON), so
 * an identical schema under two subjects shares an id, as in common schema registries.
 *
 * <p>Thread-safe: registration is serialised on this object; lookups by id and fingerprint, the
 * per-record path, read concurrent maps without locking.
 */
public final class InMemorySchemaStore implements SchemaStore {

  private final Compatibility defaultCompatibility;
  private final Map<String, List<RegisteredSchema>> subjects = new HashMap<>();
  private final Map<String, Compatibility> modes = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsBySchemaJson = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<Long, Schema> schemasByFingerprint = new ConcurrentHashMap<>();

  /** Creates an empty store whose subjects default to {@link Compatibility#BACKWARD}. */
  public InMemorySchemaStore() {
    this(Compatibility.BACKWARD);
  }

  /**
   * Creates an empty store.
   *
   * @param defaultCompatibility the mode of subjects that have none of their own
   */
  public InMemorySchemaStore(Compatibility defaultCompatibility) {
    this.defaultCompatibility =
        Checks.checkNotNull(defaultCompatibility, "defaultCompatibility must not be null");
  }

  @Override
  public synchronized RegisteredSchema register(String subject, Schema schema) {
    checkSubjectAndSchema(subject, schema);
    Optional<RegisteredSchema> existing = lookup(subject, schema);
    if (existing.isPresent()) {
      return existing.get();
    }
    List<String> problems = checkCompatibility(subject, schema);
    if (!problems.isEmpty()) {
      throw new IncompatibleSchemaException(subject, compatibility(subject), problems);
    }
    List<RegisteredSchema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    int id = idsBySchemaJson.computeIfAbsent(schema.toString(), json -> idsBySchemaJson.size() + 1);
    schemasById.putIfAbsent(id, schema);
    // Schemas that differ only in defaults, docs or aliases share a fingerprint; as writer schemas
    // they are interchangeable, so the first one registered answers for all of them.
    schemasByFingerprint.putIfAbsent(fingerprint, schema);
    RegisteredSchema registered =
        new RegisteredSchema(subject, versions.size() + 1, id, fingerprint, schema);
    versions.add(registered);
    return registered;
  }

  @Override
  public synchronized List<String> checkCompatibility(String subject, Schema schema) {
    checkSubjectAndSchema(subject, schema);
    return CompatibilityChecker.incompatibilities(
        schema, versions(subject), compatibility(subject));
  }

  @Override
  public synchronized Optional<RegisteredSchema> lookup(String subject, Schema schema) {
    checkSubjectAndSchema(subject, schema);
    for (RegisteredSchema version : subjects.getOrDefault(subject, List.of())) {
      if (version.schema().equals(schema)) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Schema> schemaById(int id) {
    return Optional.ofNullable(schemasById.get(id));
  }

  @Override
  public Optional<Schema> schemaByFingerprint(long fingerprint) {
    return Optional.ofNullable(schemasByFingerprint.get(fingerprint));
  }

  @Override
  public synchronized List<RegisteredSchema> versions(String subject) {
    Checks.checkNotNull(subject, "subject must not be null");
    return List.copyOf(subjects.getOrDefault(subject, List.of()));
  }

  @Override
  public Compatibility compatibility(String subject) {
    Checks.checkNotNull(subject, "subject must not be null");
    return modes.getOrDefault(subject, defaultCompatibility);
  }

  @Override
  public void setCompatibility(String subject, Compatibility compatibility) {
    Checks.checkNotNull(subject, "subject must not be null");
    Checks.checkNotNull(compatibility, "compatibility for subject '%s' must not be null", subject);
    modes.put(subject, compatibility);
  }

  private static void checkSubjectAndSchema(String subject, Schema schema) {
    Checks.checkArgument(
        subject != null && !subject.isBlank(),
        "subject must be a non-blank name, was '%s'",
        subject);
    Checks.checkNotNull(schema, "schema for subject '%s' must not be null", subject);
  }
}

package dev.sluice.serdes.internal.avro;

import dev.sluice.serdes.AvroWireFormat;
import dev.sluice.serdes.SchemaStore;
import dev.sluice.serdes.internal.Checks;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a schema header, finds the writer schema in the store, and decodes the datum with Avro's
 * writer-to-reader schema resolution, so data written with an older or newer compatible schema
 * reads into the current type.
 *
 * <p>Failure modes, all a {@link SerializationException} naming the reason: empty or truncated
 * input, an unknown magic byte, a fingerprint or id the store does not know, a writer schema the
 * reader schema cannot resolve (listing why), lengths or counts beyond the input, invalid varints,
 * enum or union indexes out of range, trailing bytes, and nesting deep enough to overflow the
 * stack. Lengths are checked before allocating (see {@link BoundedBinaryDecoder}).
 *
 * <p>Thread-safe: datum readers are created once per writer schema and cached; unknown ids and
 * fingerprints are not cached, so hostile input cannot grow the cache.
 *
 * @param <T> the type of the values
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

  /** Creates the datum reader for one writer/reader schema pair. */
  @FunctionalInterface
  public interface ReaderFactory<T> {
    /**
     * Creates a datum reader.
     *
     * @param writer the schema the data was written with
     * @param reader the schema of the target type
     * @return the reader
     */
    DatumReader<T> create(Schema writer, Schema reader);
  }

  private final Schema readerSchema;
  private final SchemaStore store;
  private final ReaderFactory<T> factory;
  private final String typeName;
  private final ConcurrentMap<Long, DatumReader<T>> byFingerprint = new ConcurrentHashMap<>();
  private final ConcurrentMap<Long, DatumReader<T>> byId = new ConcurrentHashMap<>();

  /**
   * Creates a deserializer.
   *
   * @param readerSchema the schema of the target type
   * @param store where writer schemas are looked up
   * @param factory creates datum readers
   * @param typeName the target type's name, for messages
   */
  public AvroDeserializer(
      Schema readerSchema, SchemaStore store, ReaderFactory<T> factory, String typeName) {
    this.readerSchema = readerSchema;
    this.store = store;
    this.factory = factory;
    this.typeName = typeName;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    WireHeader.Parsed header = WireHeader.parse(data, typeName);
    DatumReader<T> reader = readerFor(header);
    BoundedBinaryDecoder in =
        new BoundedBinaryDecoder(data, header.length(), data.length - header.length());
    T value;
    try {
      value = reader.read(null, in);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw Checks.serializationError(
          e,
          "Cannot read Avro %s on topic '%s' (writer schema %s): %s",
          typeName,
          topic,
          describe(header),
          e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }
    if (in.remaining() != 0) {
      throw Checks.serializationError(
          "Cannot read Avro %s on topic '%s' (writer schema %s): %s trailing bytes after the datum"
              + " at offset %s",
          typeName, topic, describe(header), in.remaining(), in.position());
    }
    return value;
  }

  private DatumReader<T> readerFor(WireHeader.Parsed header) {
    boolean singleObject = header.format() == AvroWireFormat.SINGLE_OBJECT;
    ConcurrentMap<Long, DatumReader<T>> cache = singleObject ? byFingerprint : byId;
    DatumReader<T> cached = cache.get(header.key());
    if (cached != null) {
      return cached;
    }
    Optional<Schema> writer =
        singleObject
            ? store.schemaByFingerprint(header.key())
            : store.schemaById((int) header.key());
    if (writer.isEmpty()) {
      throw Checks.serializationError(
          "Cannot read Avro %s: writer schema %s is not in the schema store; the data was written"
              + " with a schema registered elsewhere, or the bytes are not Avro",
          typeName, describe(header));
    }
    List<String> problems =
        CompatibilityChecker.readerWriter(readerSchema, writer.get(), "reader schema " + typeName);
    if (!problems.isEmpty()) {
      throw Checks.serializationError(
          "Cannot read Avro %s: writer schema %s cannot be resolved to the reader schema:%n  - %s",
          typeName, describe(header), String.join(String.format("%n  - "), problems));
    }
    return cache.computeIfAbsent(header.key(), k -> factory.create(writer.get(), readerSchema));
  }

  private static String describe(WireHeader.Parsed header) {
    return header.format() == AvroWireFormat.SINGLE_OBJECT
        ? String.format("fingerprint 0x%016x", header.key())
        : String.format("id %s", header.key());
  }
}

package dev.sluice.serdes.internal.avro;

import dev.sluice.serdes.AvroOptions;
import dev.sluice.serdes.RegisteredSchema;
import dev.sluice.serdes.internal.Checks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a schema header (see {@link WireHeader}) and then the Avro binary datum.
 *
 * <p>The writer schema is registered (or looked up) on the first {@code serialize} call rather than
 * at construction, so that building a topology does not need the store and a consumer-only serde
 * never registers anything. A refused schema surfaces as an {@code IncompatibleSchemaException}
 * from that call, and again from every later one until fixed.
 *
 * <p>Thread-safe: the datum writer is stateless, the header is published through a volatile field,
 * and each thread reuses its own output buffer and encoder.
 *
 * @param <T> the type of the values
 */
public final class AvroSerializer<T> implements Serializer<T> {

  /** Buffers larger than this after a write are dropped rather than kept per thread. */
  private static final int MAX_RETAINED_BUFFER = 1 << 20;

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private final Schema schema;
  private final DatumWriter<T> writer;
  private final AvroOptions options;
  private final String typeName;
  private volatile byte[] header;

  /**
   * Creates a serializer.
   *
   * @param schema the writer schema
   * @param writer the datum writer for {@code schema}
   * @param options store, subject and wire format
   * @param typeName the value type's name, for messages
   */
  public AvroSerializer(
      Schema schema, DatumWriter<T> writer, AvroOptions options, String typeName) {
    this.schema = schema;
    this.writer = writer;
    this.options = options;
    this.typeName = typeName;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    byte[] prefix = header();
    Buffers buffers = BUFFERS.get();
    buffers.out.reset();
    buffers.out.write(prefix, 0, prefix.length);
    try {
      buffers.encoder = EncoderFactory.get().binaryEncoder(buffers.out, buffers.encoder);
      writer.write(data, buffers.encoder);
      buffers.encoder.flush();
    } catch (IOException | RuntimeException e) {
      // The encoder may hold half a datum; start the next call with a fresh one.
      BUFFERS.remove();
      throw Checks.serializationError(
          e,
          "Cannot write a %s as Avro for topic '%s' (subject '%s'): %s",
          typeName,
          topic,
          options.subject(),
          e.getMessage());
    }
    byte[] result = buffers.out.toByteArray();
    if (buffers.out.size() > MAX_RETAINED_BUFFER) {
      BUFFERS.remove();
    }
    return result;
  }

  private byte[] header() {
    byte[] h = header;
    if (h == null) {
      synchronized (this) {
        h = header;
        if (h == null) {
          h = WireHeader.encode(options.wireFormat(), registered());
          header = h;
        }
      }
    }
    return h;
  }

  private RegisteredSchema registered() {
    if (options.autoRegister()) {
      return options.store().register(options.subject(), schema);
    }
    return options
        .store()
        .lookup(options.subject(), schema)
        .orElseThrow(
            () ->
                new SerializationException(
                    String.format(
                        "The %s schema is not registered under subject '%s' and auto-registration"
                            + " is off; register it first (SchemaStore.register) or use"
                            + " AvroOptions.withAutoRegister(true). Schema: %s",
                        typeName, options.subject(), schema)));
  }

  /** One thread's reusable output buffer and encoder. */
  private static final class Buffers {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    BinaryEncoder encoder;
  }
}

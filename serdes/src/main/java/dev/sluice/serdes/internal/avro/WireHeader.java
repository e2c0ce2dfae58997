package dev.sluice.serdes.internal.avro;

import dev.sluice.serdes.AvroWireFormat;
import dev.sluice.serdes.RegisteredSchema;
import dev.sluice.serdes.internal.Checks;

/**
 * Writes and parses the two schema headers that precede an Avro datum.
 *
 * <ul>
 *   <li>single-object encoding: {@code C3 01} + 8-byte little-endian fingerprint (10 bytes)
 *   <li>schema-id header: {@code 00} + 4-byte big-endian id (5 bytes)
 * </ul>
 */
public final class WireHeader {

  /** First byte of Avro's single-object encoding. */
  static final byte SINGLE_OBJECT_MAGIC = (byte) 0xC3;

  /** Second byte: the single-object format version. */
  static final byte SINGLE_OBJECT_VERSION = 0x01;

  /** First byte of the schema-id header. */
  static final byte SCHEMA_ID_MAGIC = 0x00;

  static final int SINGLE_OBJECT_LENGTH = 10;
  static final int SCHEMA_ID_LENGTH = 5;

  private WireHeader() {}

  /**
   * The header bytes for {@code schema} in {@code format}.
   *
   * @param format the wire format
   * @param schema the registered writer schema
   * @return a new array
   */
  public static byte[] encode(AvroWireFormat format, RegisteredSchema schema) {
    if (format == AvroWireFormat.SINGLE_OBJECT) {
      byte[] header = new byte[SINGLE_OBJECT_LENGTH];
      header[0] = SINGLE_OBJECT_MAGIC;
      header[1] = SINGLE_OBJECT_VERSION;
      long fingerprint = schema.fingerprint();
      for (int i = 0; i < Long.BYTES; i++) {
        header[2 + i] = (byte) (fingerprint >>> (8 * i));
      }
      return header;
    }
    int id = schema.id();
    return new byte[] {
      SCHEMA_ID_MAGIC, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id
    };
  }

  /**
   * Parses the header at the start of {@code data}.
   *
   * @param data the record bytes, not null
   * @param typeName the target type, for messages
   * @return the parsed header
   * @throws org.apache.kafka.common.errors.SerializationException naming the problem if the bytes
   *     do not start with either header
   */
  public static Parsed parse(byte[] data, String typeName) {
    if (data.length == 0) {
      throw Checks.serializationError("Cannot read Avro %s: the input is empty", typeName);
    }
    if (data[0] == SINGLE_OBJECT_MAGIC) {
      if (data.length < SINGLE_OBJECT_LENGTH) {
        throw Checks.serializationError(
            "Cannot read Avro %s: single-object header needs %s bytes, input has %s",
            typeName, SINGLE_OBJECT_LENGTH, data.length);
      }
      if (data[1] != SINGLE_OBJECT_VERSION) {
        throw Checks.serializationError(
            "Cannot read Avro %s: unsupported single-object format version 0x%02x (expected 0x01)",
            typeName, data[1]);
      }
      long fingerprint = 0;
      for (int i = Long.BYTES - 1; i >= 0; i--) {
        fingerprint = (fingerprint << 8) | (data[2 + i] & 0xFF);
      }
      return new Parsed(AvroWireFormat.SINGLE_OBJECT, fingerprint, SINGLE_OBJECT_LENGTH);
    }
    if (data[0] == SCHEMA_ID_MAGIC) {
      if (data.length < SCHEMA_ID_LENGTH) {
        throw Checks.serializationError(
            "Cannot read Avro %s: schema-id header needs %s bytes, input has %s",
            typeName, SCHEMA_ID_LENGTH, data.length);
      }
      int id =
          ((data[1] & 0xFF) << 24)
              | ((data[2] & 0xFF) << 16)
              | ((data[3] & 0xFF) << 8)
              | (data[4] & 0xFF);
      return new Parsed(AvroWireFormat.SCHEMA_ID, id, SCHEMA_ID_LENGTH);
    }
    throw Checks.serializationError(
        "Cannot read Avro %s: unknown magic byte 0x%02x; expected 0xC3 0x01 (Avro single-object"
            + " encoding) or 0x00 (schema-id header); was this topic written by another serializer?",
        typeName, data[0]);
  }

  /**
   * A parsed header.
   *
   * @param format which header it was
   * @param key the fingerprint (single-object) or the id (schema-id)
   * @param length the header length; the datum starts here
   */
  public record Parsed(AvroWireFormat format, long key, int length) {}
}

package dev.sluice.serdes;

/**
 * How an Avro serializer marks which schema wrote a record. Deserializers read both, whatever their
 * own serializer writes, so a topic can move from one format to the other.
 */
public enum AvroWireFormat {
  /**
   * Avro's single-object encoding: {@code 0xC3 0x01}, the 8-byte little-endian CRC-64-AVRO
   * fingerprint of the writer schema, then the binary datum. Defined by the Avro specification, so
   * any Avro library can find the schema given the same store.
   */
  SINGLE_OBJECT,
  /**
   * The 5-byte header common in existing schema registries: a zero magic byte, the 4-byte
   * big-endian schema id, then the binary datum. Use it to share topics with data written by such
   * serializers.
   */
  SCHEMA_ID
}

package dev.sluice.serdes;

import org.apache.avro.Schema;

/**
 * One version of a schema under a subject in a {@link SchemaStore}.
 *
 * @param subject the subject, usually a topic name plus {@code -key} or {@code -value}
 * @param version the version within the subject, starting at 1
 * @param id the store-wide id written in the 5-byte schema-id header; the same schema has the same
 *     id under every subject
 * @param fingerprint the CRC-64-AVRO fingerprint of the schema's parsing canonical form, written in
 *     Avro's single-object encoding
 * @param schema the schema
 */
public record RegisteredSchema(
    String subject, int version, int id, long fingerprint, Schema schema) {}

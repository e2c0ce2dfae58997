/**
 * Serdes for Sluice: how keys and values become bytes on Kafka topics and in state stores.
 *
 * <p>Entry points: {@link dev.sluice.serdes.SluiceSerdes} (kafka-clients' primitives, lists, JSON),
 * {@link dev.sluice.serdes.AvroSerdes} (generic, specific and reflect Avro with schema evolution),
 * {@link dev.sluice.serdes.SchemaStore} (where Avro writer schemas are registered and checked
 * against the subject's {@link dev.sluice.serdes.Compatibility}) and {@link
 * dev.sluice.serdes.SerdeRegistry} (serdes by Java type).
 *
 * <p>Design rules that hold for every serde here:
 *
 * <ul>
 *   <li>They are plain kafka-clients {@code Serde}s, so they work with any Kafka client and users'
 *       own serdes work with Sluice ({@link dev.sluice.serdes.SluiceSerdes#typed}).
 *   <li>Each one knows its Java type ({@link dev.sluice.serdes.TypedSerde}), so a serde for the
 *       wrong type is caught when a topology is built, not on the first record.
 *   <li>Bad bytes end in an {@code org.apache.kafka.common.errors.SerializationException} that
 *       names the target type and the reason; no length or count read from the input is trusted
 *       beyond the bytes actually present, so hostile input cannot exhaust the heap.
 * </ul>
 *
 * <p>Everything under {@code dev.sluice.serdes.internal} is implementation and may change without
 * notice.
 */
package dev.sluice.serdes;

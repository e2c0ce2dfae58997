package dev.sluice.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decides what happens to a source record whose key or value cannot be deserialized. The default
 * fails the task with a message naming topic, partition, offset and deserializer; {@link
 * #logAndContinue()} skips the record and counts it.
 */
@FunctionalInterface
public interface DeserializationExceptionHandler {

  /** What to do with the record. */
  enum Response {
    /** Skip the record, count it, and go on. */
    CONTINUE,
    /** Stop processing with an exception that names the record. */
    FAIL
  }

  /**
   * Handles one undecodable record.
   *
   * @param record the raw record as read, bytes intact
   * @param deserializer the class name of the deserializer that failed
   * @param error the deserializer's exception
   * @return whether to continue or fail
   */
  Response handle(ConsumerRecord<byte[], byte[]> record, String deserializer, Exception error);

  /**
   * Fails on the first undecodable record (the default).
   *
   * @return the handler
   */
  static DeserializationExceptionHandler logAndFail() {
    return (record, deserializer, error) -> Response.FAIL;
  }

  /**
   * Logs and skips undecodable records; the skipped count is observable through the test driver and
   * the runtime's metrics.
   *
   * @return the handler
   */
  static DeserializationExceptionHandler logAndContinue() {
    return (record, deserializer, error) -> {
      System.Logger logger = System.getLogger(DeserializationExceptionHandler.class.getName());
      logger.log(
          System.Logger.Level.WARNING,
          "Skipping undecodable record at {0}-{1} offset {2} ({3}): {4}",
          record.topic(),
          record.partition(),
          record.offset(),
          deserializer,
          error.toString());
      return Response.CONTINUE;
    };
  }
}

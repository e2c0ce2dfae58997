package dev.sluice.benchmarks.endtoend;

/**
 * Pre-serialized input for one run, generated before anything is timed.
 *
 * @param keys serialized keys
 * @param values serialized values
 * @param timestamps record timestamps
 */
record InputRecords(byte[][] keys, byte[][] values, long[] timestamps) {

  /**
   * How many records.
   *
   * @return the count
   */
  int size() {
    return keys.length;
  }
}

package dev.sluice.testdriver.internal;

import java.util.Arrays;
import org.apache.kafka.common.header.Headers;

/**
 * The records sinks wrote to one topic and a test has not read yet, oldest first, kept as bytes in
 * parallel arrays rather than as one object per record: a topology may write millions of records in
 * a test or benchmark, and a {@link CapturedRecord} is made only when one is read.
 */
public final class CapturedRecords {
  private static final int INITIAL_CAPACITY = 16;

  private int[] partitions = new int[INITIAL_CAPACITY];
  private long[] timestamps = new long[INITIAL_CAPACITY];
  private byte[][] keys = new byte[INITIAL_CAPACITY][];
  private byte[][] values = new byte[INITIAL_CAPACITY][];
  private Headers[] headers = new Headers[INITIAL_CAPACITY];
  // unread records are at [head, tail)
  private int head;
  private int tail;

  /**
   * Keeps one record.
   *
   * @param partition the partition it went to
   * @param timestamp the record timestamp
   * @param key the serialized key, may be null
   * @param value the serialized value, may be null
   * @param recordHeaders the headers, which nothing may change afterwards
   */
  public void add(int partition, long timestamp, byte[] key, byte[] value, Headers recordHeaders) {
    if (tail == keys.length) {
      makeRoom();
    }
    partitions[tail] = partition;
    timestamps[tail] = timestamp;
    keys[tail] = key;
    values[tail] = value;
    headers[tail] = recordHeaders;
    tail++;
  }

  /**
   * Takes the oldest unread record.
   *
   * @return the record, or null if none is left
   */
  public CapturedRecord poll() {
    if (head == tail) {
      return null;
    }
    CapturedRecord record =
        new CapturedRecord(
            partitions[head], timestamps[head], keys[head], values[head], headers[head]);
    keys[head] = null;
    values[head] = null;
    headers[head] = null;
    head++;
    if (head == tail) {
      head = 0;
      tail = 0;
    }
    return record;
  }

  /**
   * Whether every record has been read.
   *
   * @return true if none is left
   */
  public boolean isEmpty() {
    return head == tail;
  }

  /**
   * How many records are left to read.
   *
   * @return the count
   */
  public int size() {
    return tail - head;
  }

  // Moves the unread records to the front, into arrays twice as long if they fill over half.
  private void makeRoom() {
    int size = tail - head;
    boolean grow = size * 2 > keys.length;
    int capacity = grow ? keys.length * 2 : keys.length;
    partitions = move(partitions, grow ? new int[capacity] : partitions, size);
    timestamps = move(timestamps, grow ? new long[capacity] : timestamps, size);
    keys = move(keys, grow ? new byte[capacity][] : keys, size);
    values = move(values, grow ? new byte[capacity][] : values, size);
    headers = move(headers, grow ? new Headers[capacity] : headers, size);
    if (!grow) {
      Arrays.fill(keys, size, tail, null);
      Arrays.fill(values, size, tail, null);
      Arrays.fill(headers, size, tail, null);
    }
    head = 0;
    tail = size;
  }

  private <A> A move(A from, A to, int size) {
    System.arraycopy(from, head, to, 0, size);
    return to;
  }
}

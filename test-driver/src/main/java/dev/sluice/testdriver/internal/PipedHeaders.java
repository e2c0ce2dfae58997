package dev.sluice.testdriver.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a record piped without headers: empty and writable, like a consumed record's, but
 * the list behind them is made only when a serializer or a step adds a header. Most pipes add none,
 * so they cost one small object instead of a {@link RecordHeaders} and its list. Two headers
 * objects with the same headers in the same order are equal, whatever their class.
 */
public final class PipedHeaders implements Headers {
  private static final Header[] NONE = new Header[0];

  // null until the first add
  private RecordHeaders headers;

  private RecordHeaders writable() {
    if (headers == null) {
      headers = new RecordHeaders();
    }
    return headers;
  }

  @Override
  public Headers add(Header header) {
    writable().add(header);
    return this;
  }

  @Override
  public Headers add(String key, byte[] value) {
    writable().add(key, value);
    return this;
  }

  @Override
  public Headers remove(String key) {
    if (headers != null) {
      headers.remove(key);
    }
    return this;
  }

  @Override
  public Header lastHeader(String key) {
    return headers == null ? null : headers.lastHeader(key);
  }

  @Override
  public Iterable<Header> headers(String key) {
    return headers == null ? List.of() : headers.headers(key);
  }

  @Override
  public Header[] toArray() {
    return headers == null ? NONE : headers.toArray();
  }

  @Override
  public Iterator<Header> iterator() {
    return headers == null ? Collections.emptyIterator() : headers.iterator();
  }

  @Override
  public boolean equals(Object other) {
    return other == this
        || (other instanceof Headers that && Arrays.equals(toArray(), that.toArray()));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toArray());
  }

  @Override
  public String toString() {
    return "Headers" + Arrays.toString(toArray());
  }
}

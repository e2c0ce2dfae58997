package dev.sluice.streams.internal.graph;

import org.apache.kafka.common.serialization.Serde;

/**
 * A state store a topology declares: what each task of the sub-topology that uses it creates under
 * {@code <state.dir>/<taskId>/<name>}. Steps name the stores they use ({@link
 * ProcessorNode#stores()}); the compiler places a store in the sub-topology of its steps.
 *
 * <p>Window and session stores fit the same record: a later kind adds its sizes here, and the task
 * builds it through the same factory call site.
 *
 * @param name the store name, unique in the topology; also its directory and changelog name
 * @param kind what sort of store
 * @param keySerde the key serde, or null to use the builder's default (a build-time problem if
 *     there is none)
 * @param valueSerde the value serde, or null to use the builder's default
 * @param persistent RocksDB (true) or in memory (false)
 * @param logged whether every write goes to the changelog topic {@code <application.id>-<name>
 *     -changelog}
 * @param cached whether a record cache sits in front (table updates are then emitted on flush)
 * @param sourceTopic the input topic that serves as the changelog (a table read from a topic), or
 *     null; such a store is not logged but is restored from that topic
 * @param definedBy the step that declared the store, for messages
 * @param windowSizeMs the window size of a {@link Kind#WINDOW} store, else 0
 * @param retentionMs how long a window or session store keeps data (and its changelog keeps
 *     records, with {@code compact,delete}), else 0
 */
public record StoreSpec(
    String name,
    Kind kind,
    Serde<?> keySerde,
    Serde<?> valueSerde,
    boolean persistent,
    boolean logged,
    boolean cached,
    String sourceTopic,
    String definedBy,
    long windowSizeMs,
    long retentionMs) {

  /** What sort of store a spec describes. */
  public enum Kind {
    /** A {@code dev.sluice.state.KeyValueStore}. */
    KEY_VALUE,
    /** A {@code dev.sluice.state.WindowStore} of {@code windowSizeMs}, kept {@code retentionMs}. */
    WINDOW,
    /** A {@code dev.sluice.state.SessionStore}, kept {@code retentionMs} after a session's end. */
    SESSION
  }

  /**
   * A key-value store spec.
   *
   * @param name the store name
   * @param kind what sort of store
   * @param keySerde the key serde, or null
   * @param valueSerde the value serde, or null
   * @param persistent RocksDB (true) or in memory (false)
   * @param logged whether writes go to a changelog topic
   * @param cached whether a record cache sits in front
   * @param sourceTopic the input topic serving as changelog, or null
   * @param definedBy the step that declared the store
   */
  public StoreSpec(
      String name,
      Kind kind,
      Serde<?> keySerde,
      Serde<?> valueSerde,
      boolean persistent,
      boolean logged,
      boolean cached,
      String sourceTopic,
      String definedBy) {
    this(
        name, kind, keySerde, valueSerde, persistent, logged, cached, sourceTopic, definedBy, 0, 0);
  }

  /**
   * Whether the store is rebuilt from a topic: its own changelog or its source topic.
   *
   * @return true if a restore phase is needed
   */
  public boolean restorable() {
    return logged || sourceTopic != null;
  }

  /**
   * The changelog topic of a logged store, without the application-id prefix.
   *
   * @return {@code <name>-changelog}
   */
  public String changelogName() {
    return name + "-changelog";
  }

  /**
   * A copy with serdes filled in.
   *
   * @param key the key serde
   * @param value the value serde
   * @return the copy
   */
  public StoreSpec withSerdes(Serde<?> key, Serde<?> value) {
    return new StoreSpec(
        name,
        kind,
        key,
        value,
        persistent,
        logged,
        cached,
        sourceTopic,
        definedBy,
        windowSizeMs,
        retentionMs);
  }
}

package dev.sluice.streams.internal.graph;

/**
 * A global table's store and the source that feeds it. It lives outside every sub-topology: each
 * application instance keeps one copy, fed from all partitions of the source's topic (which is the
 * store's changelog), and the steps of any task may read it. Steps that read it name it in {@link
 * ProcessorNode#stores()} like any store; the compiler does not place it in their sub-topology.
 *
 * @param source the source step: the one topic, its serdes and timestamp extractor
 * @param store the key-value store, never logged or cached, with {@code sourceTopic} set
 */
public record GlobalStore(SourceNode source, StoreSpec store) {

  /**
   * The topic the store is fed from.
   *
   * @return the topic name
   */
  public String topic() {
    return source.topics().get(0);
  }

  /**
   * The store name.
   *
   * @return the name
   */
  public String name() {
    return store.name();
  }
}

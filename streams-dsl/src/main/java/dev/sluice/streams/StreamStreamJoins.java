package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;

/**
 * The windowed joins of a {@link KStream} with another stream: inner, left and outer, each with
 * derived names, with a {@link Joined} (step name and input serdes) or with a {@link Named}. Kept
 * apart from {@code KStream} only to keep each type readable; every {@code KStream} has them.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface StreamStreamJoins<K, V> {

  /**
   * Joins this stream with another on the key, pairing records whose timestamps are at most the
   * windows' time difference apart (an inner join). Each pair is emitted once, when its second
   * record arrives, with the later of the two timestamps. Both sides are kept in window stores
   * {@code <step>-this-store} and {@code <step>-other-store} for the time difference plus grace;
   * re-keyed sides are repartitioned first, and both streams must be co-partitioned.
   *
   * @param other the other stream, from the same builder
   * @param joiner combines this stream's value with the other's, never with a null
   * @param windows the time difference and grace
   * @param <VO> the other stream's value type
   * @param <VR> result value type
   * @return the joined stream, named {@code <this step>.join}
   */
  default <VO, VR> KStream<K, VR> join(
      KStream<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      JoinWindows windows) {
    return join(other, joiner, windows, Joined.defaults());
  }

  /**
   * Like {@link #join(KStream, ValueJoiner, JoinWindows)}, with a step name and input serdes
   * ({@code otherValueSerde} is the other stream's value serde).
   *
   * @param other the other stream, from the same builder
   * @param joiner combines this stream's value with the other's, never with a null
   * @param windows the time difference and grace
   * @param joined the step name and the input serdes
   * @param <VO> the other stream's value type
   * @param <VR> result value type
   * @return the joined stream
   */
  <VO, VR> KStream<K, VR> join(
      KStream<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      JoinWindows windows,
      Joined<K, V, VO> joined);

  /**
   * Like {@link #join(KStream, ValueJoiner, JoinWindows)}, as a named step ({@code
   * Joined.as(named.name())}): the side steps, the stores ({@code <name>-this-store} ...), their
   * changelogs and a re-keyed side's repartition topic ({@code <name>-left-repartition}) all derive
   * from the name, so they stay when steps are added upstream.
   *
   * @param other the other stream, from the same builder
   * @param joiner combines this stream's value with the other's
   * @param windows the time difference and grace
   * @param named the step name
   * @param <VO> the other stream's value type
   * @param <VR> result value type
   * @return the joined stream
   */
  default <VO, VR> KStream<K, VR> join(
      KStream<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      JoinWindows windows,
      Named named) {
    return join(other, joiner, windows, Joined.as(Checks.notNull(named, "named").name()));
  }

  /**
   * Like {@link #join(KStream, ValueJoiner, JoinWindows)}, but a record of this stream that finds
   * no partner in its whole window is emitted with null for the other side, at its own timestamp,
   * once the window has closed (stream time past its timestamp + after + grace), as Kafka Streams
   * does since 3.1: a partner arriving later within the window yields only the joined pair, never a
   * spurious null result first. Records waiting for their window to close are kept in the logged
   * window store {@code <step>-this-unmatched-store}, so they survive a restart.
   *
   * @param other the other stream, from the same builder
   * @param joiner combines this stream's value with the other's, or null
   * @param windows the time difference and grace
   * @param <VO> the other stream's value type
   * @param <VR> result value type
   * @return the joined stream, named {@code <this step>.leftJoin}
   */
  default <VO, VR> KStream<K, VR> leftJoin(
      KStream<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      JoinWindows windows) {
    return leftJoin(other, joiner, windows, Joined.defaults());
  }

  /**
   * Like {@link #leftJoin(KStream, ValueJoiner, JoinWindows)}, with a step name and input serdes.
   *
   * @param other the other stream, from the same builder
   * @param joiner combines this stream's value with the other's, or null
   * @param windows the time difference and grace
   * @param joined the step name and the input serdes
   * @param <VO> the other stream's value type
   * @param <VR> result value type
   * @return the joined stream
   */
  <VO, VR> KStream<K, VR> leftJoin(
      KStream<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      JoinWindows windows,
      Joined<K, V, VO> joined);

  /**
   * Like {@link #leftJoin(KStream, ValueJoiner, JoinWindows)}, named as in {@link #join(KStream,
   * ValueJoiner, JoinWindows, Named)}.
   *
   * @param other the other stream, from the same builder
   * @param joiner combines this stream's value with the other's
   * @param windows the time difference and grace
   * @param named the step name
   * @param <VO> the other stream's value type
   * @param <VR> result value type
   * @return the joined stream
   */
  default <VO, VR> KStream<K, VR> leftJoin(
      KStream<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      JoinWindows windows,
      Named named) {
    return leftJoin(other, joiner, windows, Joined.as(Checks.notNull(named, "named").name()));
  }

  /**
   * Like {@link #leftJoin(KStream, ValueJoiner, JoinWindows)}, for both sides: a record of either
   * stream without a partner in its whole window is emitted with null for the other side once the
   * window has closed (the other stream's records wait in {@code <step>-other-unmatched-store});
   * records closing at the same time are emitted in timestamp order.
   *
   * @param other the other stream, from the same builder
   * @param joiner combines this stream's value with the other's; at most one of them is null
   * @param windows the time difference and grace
   * @param <VO> the other stream's value type
   * @param <VR> result value type
   * @return the joined stream, named {@code <this step>.outerJoin}
   */
  default <VO, VR> KStream<K, VR> outerJoin(
      KStream<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      JoinWindows windows) {
    return outerJoin(other, joiner, windows, Joined.defaults());
  }

  /**
   * Like {@link #outerJoin(KStream, ValueJoiner, JoinWindows)}, with a step name and input serdes.
   *
   * @param other the other stream, from the same builder
   * @param joiner combines this stream's value with the other's; at most one of them is null
   * @param windows the time difference and grace
   * @param joined the step name and the input serdes
   * @param <VO> the other stream's value type
   * @param <VR> result value type
   * @return the joined stream
   */
  <VO, VR> KStream<K, VR> outerJoin(
      KStream<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      JoinWindows windows,
      Joined<K, V, VO> joined);

  /**
   * Like {@link #outerJoin(KStream, ValueJoiner, JoinWindows)}, named as in {@link #join(KStream,
   * ValueJoiner, JoinWindows, Named)}.
   *
   * @param other the other stream, from the same builder
   * @param joiner combines this stream's value with the other's
   * @param windows the time difference and grace
   * @param named the step name
   * @param <VO> the other stream's value type
   * @param <VR> result value type
   * @return the joined stream
   */
  default <VO, VR> KStream<K, VR> outerJoin(
      KStream<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      JoinWindows windows,
      Named named) {
    return outerJoin(other, joiner, windows, Joined.as(Checks.notNull(named, "named").name()));
  }
}

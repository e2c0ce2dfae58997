/**
 * State stores: key-value, window and session stores on RocksDB or in memory, with change logging,
 * a record cache and resumable restore.
 *
 * <h2>Building stores</h2>
 *
 * {@link dev.sluice.state.StateStores} is the one entry point. Create it once per process from the
 * application config ({@code state.memory.bytes}: shared RocksDB block cache and write-buffer
 * manager, default 256 MiB; {@code state.cache.bytes}: shared record cache, default 10 MiB). Its
 * builders compose at most three layers, always in this order: engine (RocksDB or in memory) →
 * change logging → caching.
 *
 * <h2>Key order</h2>
 *
 * Ranges follow the unsigned byte order of the serialized keys: lexicographic for {@code String}
 * and {@code byte[]}, numeric for non-negative integers with Kafka's big-endian serdes. Window and
 * session stores escape the serialized key and append big-endian times, which keeps (key, time)
 * order.
 *
 * <h2>Task contract</h2>
 *
 * <ol>
 *   <li><b>Open</b>: {@code build(<state.dir>/<taskId>)} opens {@code <taskDir>/<storeName>}. The
 *       state is {@link dev.sluice.state.StoreState#OPEN}. A corrupt, foreign or unknown-format
 *       directory has been wiped and reported to the {@link dev.sluice.state.StoreEventListener}.
 *   <li><b>Restore</b>: read {@link dev.sluice.state.StateStore#appliedOffset()}; seek the
 *       changelog partition to {@code appliedOffset + 1} (or the beginning when empty) and pass
 *       records in batches to {@link dev.sluice.state.StateStore#restore}. Each batch is one write
 *       batch without WAL that also stores the last offset, so an interrupted restore resumes where
 *       it stopped. Then call {@link dev.sluice.state.StateStore#finishRestore()} (always, even
 *       with nothing to restore): the store becomes {@code RUNNING}.
 *   <li><b>Process</b>: read and write; a logged store sends every write (after the cache, if any)
 *       to its {@link dev.sluice.state.ChangelogSink}.
 *   <li><b>Commit</b>: {@link dev.sluice.state.StateStore#flush()} pushes cached writes to the
 *       store and the sink (the flush listener emits table updates); flush the producer; then
 *       {@link dev.sluice.state.StateStore#commit(long)} with the highest acknowledged changelog
 *       offset. The offset is written in the same batch as any data still cached, so the stored
 *       offset never runs ahead of the stored data; after a crash, records after it are replayed,
 *       which is idempotent. RocksDB stores write without a write-ahead log; a commit forces no
 *       flush: data and offset become durable together (atomically across column families) when
 *       RocksDB flushes a full memtable, at the end of a restore and at close. A crash loses the
 *       writes after the last flush, and the changelog tail after the offset stored with it
 *       restores them.
 *   <li><b>Close</b>: {@link dev.sluice.state.StateStore#close()}; uncommitted cached writes are
 *       dropped, so commit first (a commit right before closing also makes the next start restore
 *       nothing).
 * </ol>
 *
 * <p>Stores are single-threaded (one task thread); {@code StateStores} is thread-safe.
 */
package dev.sluice.state;

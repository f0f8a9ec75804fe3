/**
 * Sharded builds (docs/sharding.md): `npm run build -- --shard i/n` sets GONGSHI_SHARD=i/n, and
 * every dynamic route keeps only its share of paths, dealt round-robin in the route's own
 * (sorted, deterministic) order. Round-robin rather than contiguous ranges: compound pages vary
 * in weight by district and age, and a CI matrix waits for its slowest shard. A compound's five
 * routes deal the same list, so one shard holds all of a compound's files. Static routes (home,
 * search, indexes) are built by every shard; the merge step checks their copies are identical.
 */

export interface Shard {
  /** 1-based, as people count CI jobs. */
  index: number;
  count: number;
}

const SHARD_FORMAT = /^([1-9]\d*)\/([1-9]\d*)$/;

/** `"3/8"` → {index: 3, count: 8}; undefined for no value; an Error saying what is wrong otherwise. */
export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined || value === '') return undefined;
  const m = SHARD_FORMAT.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index > count)
    throw new Error(
      `分片参数 "${value}" 无效: 应写作 序号/总数,序号从 1 数起且不大于总数,例如 --shard 2/8 (invalid shard "${value}": expected i/n with 1 ≤ i ≤ n)`,
    );
  return { index, count };
}

/** The shard this build process was asked for; undefined for a whole-site build. */
function currentShard(): Shard | undefined {
  return parseShard(process.env.GONGSHI_SHARD);
}

/** The items of `items` that `shard` builds (all of them without a shard). */
export function shardSlice<T>(items: readonly T[], shard: Shard | undefined = currentShard()): T[] {
  if (!shard || shard.count === 1) return items.slice();
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}

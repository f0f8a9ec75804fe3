/**
 * Sharded builds (docs/sharding.md): `npm run build -- --shard i/n` sets GONGSHI_SHARD=i/n, and
 * every dynamic route keeps only its share of paths, dealt round-robin in the route's own
 * (sorted, deterministic) order. Round-robin rather than contiguous ranges: compound pages vary
 * in weight by district and age, and a CI matrix waits for its slowest shard. A compound's five
 * routes deal the same list, so one shard holds all of a compound's files.
 *
 * The routes without parameters (home, indexes, city-wide rankings and downloads, search) list
 * or sum the whole city: built in every shard they were a fixed cost each shard paid again, and
 * it grew with the city. Only shard 1, the city shard, builds and indexes them; the others skip
 * them before they render (src/middleware.ts). So that the city shard is not the one the matrix
 * waits for, it is dealt a smaller share of the other routes' paths (cityShardSlots), and it
 * alone builds the paths its city pages already do the costly part of (cityShardItems).
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

/** Whether this build is one shard of several (a whole build, or 1/1, is not). */
export function buildsOneShard(shard: Shard | undefined = currentShard()): boolean {
  return shard !== undefined && shard.count > 1;
}

/**
 * What the city-wide pages cost (rendering and indexing them) as a share of what all the other
 * pages of the city cost. Both grow with the city, so the share holds across sizes; it grew as
 * the compound pages got cheaper: 4 % at 5,000 compounds (bench/README.md, "a shard that does
 * not pay for the whole city"), 6–7 % at 15,000 ("the CI matrix's shards balanced"). 6 % gives
 * the city shard one slot at 16 shards: with none, the 16th district's pages and archive went to
 * shard 2 and made it the slowest.
 */
export const CITY_PAGES_SHARE = 0.06;

/** The dealing's resolution: an ordinary shard holds SLOTS slots of every cycle. */
const SLOTS = 8;

/**
 * Slots the city shard holds in every cycle of dealing (an ordinary shard holds SLOTS): the
 * share f of an ordinary shard's paths that makes city pages + f·p equal p, rounded to the
 * nearer slot. With c = CITY_PAGES_SHARE and P all pages, p = P/(n−1+f) and C = c·P, so
 * f = (1 − c(n−1)) / (1 + c); 0 when the city pages alone outweigh an ordinary shard.
 */
export function cityShardSlots(count: number): number {
  const share = (1 - CITY_PAGES_SHARE * (count - 1)) / (1 + CITY_PAGES_SHARE);
  return Math.min(SLOTS, Math.max(0, Math.round(share * SLOTS)));
}

/** Whether `shard` builds the routes without parameters (a whole build does). */
export function buildsCityPages(shard: Shard | undefined = currentShard()): boolean {
  return !shard || shard.index === 1;
}

/**
 * All of `items` in the city shard (and a whole build), none in the others: for paths whose costly
 * part the city pages already make. The zipped table downloads take their deflated CSV from the
 * city archive's (table-entry.ts), so in the city shard each costs a file's write; dealt like any
 * route, the ledger's went to shard 2 and the public revenue's to shard 3, which each made and
 * deflated that whole table again (7.6 s for the ledger at 15,000 compounds) and were the matrix's
 * slowest shards after the city shard.
 */
export function cityShardItems<T>(items: readonly T[], shard: Shard | undefined = currentShard()): T[] {
  return buildsCityPages(shard) ? items.slice() : [];
}

/**
 * The items of `items` that `shard` builds (all of them without a shard). Item i lands at
 * position i·SLOTS in a cycle of (n−1)·SLOTS + city slots: shards 2…n own SLOTS slots each in
 * turn, the city shard the last `city`. So shards 2…n are dealt round-robin, and the city shard
 * takes its turn only in the passes that reach its slots: never more than any other shard. Every
 * boundary is a multiple of gcd(SLOTS, cycle), so over a cycle each shard gets exactly its share.
 */
export function shardSlice<T>(items: readonly T[], shard: Shard | undefined = currentShard()): T[] {
  if (!shard || shard.count === 1) return items.slice();
  const others = (shard.count - 1) * SLOTS;
  const cycle = others + cityShardSlots(shard.count);
  const from = shard.index === 1 ? others : (shard.index - 2) * SLOTS;
  const to = shard.index === 1 ? cycle : from + SLOTS;
  return items.filter((_, i) => {
    const at = (i * SLOTS) % cycle;
    return at >= from && at < to;
  });
}

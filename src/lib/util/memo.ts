/** Work kept per build: a build's site model is made once, and many pages and keys ask the same of it. */

/** `make(site, k)` kept per site and per `k` (a site that is dropped drops what was kept for it). */
export function perSite<S extends object, K, V>(make: (site: S, k: K) => V): (site: S, k: K) => V {
  const memo = new WeakMap<S, Map<K, V>>();
  return (site, k) => {
    let m = memo.get(site);
    if (!m) memo.set(site, (m = new Map()));
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = make(site, k)));
    return v;
  };
}

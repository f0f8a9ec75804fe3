/**
 * FNV-1a over a string's UTF-16 units, as an unsigned 32-bit number: cheap and the same in Node
 * and every browser, so a value computed at build time can be recomputed in the page.
 */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

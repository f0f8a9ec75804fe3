/** Whether a directory page shows any demo row, so the layout can say so. */
import type { SiteData } from '../../model/types.ts';

/** True when any compound or firm shown is demo data, or any row cites a 演示数据 source. */
export function showsDemo(
  site: SiteData,
  shown: {
    compounds?: readonly { demo: boolean }[];
    firms?: readonly { demo: boolean }[];
    rows?: readonly { source_id: string }[];
  },
): boolean {
  return (
    (shown.compounds ?? []).some((c) => c.demo) ||
    (shown.firms ?? []).some((f) => f.demo) ||
    (shown.rows ?? []).some((r) => site.sourceById.get(r.source_id)?.kind === '演示数据')
  );
}

/**
 * Which file versions each commit's parse needs, and in which order: the same
 * walk plans the reads (blobs.ts streams them in that order) and then hands the
 * parser the versions. A table's version after one commit is kept for the next
 * commit only, where it is usually the "before" of the ledger's next append:
 * memory stays at about two versions of each table a commit changes.
 */
import { NO_BLOB, type ChangedCommit, type FileChange } from './git-log.ts';
import type { PathKind } from './parse.ts';

export interface VersionVisitor {
  begin(c: ChangedCommit): void;
  /** A table or content file: its versions (undefined where it did not exist, or for content added or removed). */
  file(f: FileChange, kind: NonNullable<PathKind>, before: Buffer | undefined, after: Buffer | undefined): void;
  end(c: ChangedCommit): void;
}

const EMPTY = Buffer.alloc(0);

export function walkVersions(
  commits: readonly ChangedCommit[],
  kind: (path: string) => PathKind,
  read: (id: string, path: string) => Buffer,
  visit: VersionVisitor,
): void {
  let held = new Map<string, { id: string; text: Buffer }>();
  for (const c of commits) {
    visit.begin(c);
    const next = new Map<string, { id: string; text: Buffer }>();
    for (const f of c.files) {
      const k = kind(f.path);
      if (!k) continue;
      const hasBefore = !NO_BLOB.test(f.before);
      const hasAfter = !NO_BLOB.test(f.after);
      // Content is added, removed or changed: only a change needs its text (a re-save may change nothing).
      const needed = 'table' in k || (hasBefore && hasAfter && f.before !== f.after);
      const version = (id: string) => {
        const kept = held.get(f.path);
        return kept?.id === id ? kept.text : read(id, f.path);
      };
      const before = needed && hasBefore ? version(f.before) : undefined;
      const after = needed && hasAfter ? (f.after === f.before && before ? before : read(f.after, f.path)) : undefined;
      if ('table' in k && after) next.set(f.path, { id: f.after, text: after });
      visit.file(f, k, before, after);
    }
    held = next;
    visit.end(c);
  }
}

/** The versions `walkVersions` will read, in order. */
export function versionsToRead(commits: readonly ChangedCommit[], kind: (path: string) => PathKind): string[] {
  const ids: string[] = [];
  const skip = () => {};
  walkVersions(
    commits,
    kind,
    (id) => {
      ids.push(id);
      return EMPTY;
    },
    { begin: skip, file: skip, end: skip },
  );
  return ids;
}

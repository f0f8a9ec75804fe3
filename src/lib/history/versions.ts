/**
 * Which file versions each commit's parse needs, and in which order: the same
 * walk plans the reads (blobs.ts streams them in that order) and then hands the
 * parser the versions. A table's version after one commit is kept only when the
 * next commit changes that table from it (the ledger's next quarter): memory
 * stays at about two versions of each table a commit changes. A table's new
 * version is read before its parent, and the parent's read is given it: the
 * reader may then keep only the part of the parent the new version does not
 * share (marks.ts).
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
  /** `now`: for a table's parent not kept from the commit before, its version after this commit. */
  read: (id: string, path: string, now?: Buffer) => Buffer,
  visit: VersionVisitor,
  release: (text: Buffer) => void = () => {},
): void {
  let held = new Map<string, { id: string; text: Buffer }>();
  /** Versions read for the current commit. */
  const readNow: Buffer[] = [];
  for (const [k, c] of commits.entries()) {
    visit.begin(c);
    // Only what the next commit reads again is kept: after a city's first commit, not every table.
    const again = new Set(commits[k + 1]?.files.map((f) => `${f.path}\n${f.before}`));
    const next = new Map<string, { id: string; text: Buffer }>();
    for (const f of c.files) {
      const k = kind(f.path);
      if (!k) continue;
      const hasBefore = !NO_BLOB.test(f.before);
      const hasAfter = !NO_BLOB.test(f.after);
      // Content is added, removed or changed: only a change needs its text (a re-save may change nothing).
      const needed = 'table' in k || (hasBefore && hasAfter && f.before !== f.after);
      const fresh = (id: string, now?: Buffer) => {
        const text = read(id, f.path, now);
        readNow.push(text);
        return text;
      };
      const kept = held.get(f.path);
      const same = f.after === f.before;
      let after = needed && hasAfter && !same ? fresh(f.after) : undefined;
      const before =
        needed && hasBefore
          ? kept?.id === f.before
            ? kept.text
            : fresh(f.before, 'table' in k ? after : undefined)
          : undefined;
      if (needed && hasAfter && same) after = before;
      if ('table' in k && after && again.has(`${f.path}\n${f.after}`)) next.set(f.path, { id: f.after, text: after });
      visit.file(f, k, before, after);
    }
    visit.end(c);
    // Versions not kept for the next commit: their memory can take the next ones.
    const kept = new Set([...next.values()].map((v) => v.text));
    for (const v of [...[...held.values()].map((h) => h.text), ...readNow]) if (!kept.has(v)) release(v);
    readNow.length = 0;
    held = next;
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

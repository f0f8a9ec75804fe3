/**
 * The check cache's store: one sealed file per table and per rule step under the build cache
 * folder, each holding what the result was computed from (the run's key: code, folders; and the
 * hash of every input the step read). An entry is used only when it is intact, of this format,
 * of this run's key and every input it names still has the hash it had; anything else — a
 * truncated file, another checkout's entry, a changed table — is ignored and overwritten.
 * Without a folder the store keeps nothing: every table is read and every rule run, on the
 * cached check's two threads (a full build's gate, once.ts).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unseal, writeSealed } from './sealed.ts';

const FORMAT = 'gongshi-check-cache-1';

/** Input name (e.g. `table:fund_ledger`) → the hash it had. */
export type Inputs = [string, string][];

interface Entry {
  format: string;
  key: string;
  inputs: Inputs;
  value: unknown;
}

export class CheckCache {
  private readonly dir: string | undefined;
  private readonly key: string;
  constructor(dir: string | undefined, key: string) {
    this.dir = dir;
    this.key = key;
  }

  private fileOf(name: string): string | undefined {
    return this.dir === undefined ? undefined : path.join(this.dir, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}.bin`);
  }

  /** The kept value, if it was computed from inputs that all still hash as `hashOf` says now. */
  get(name: string, hashOf: (input: string) => string | undefined): unknown {
    const file = this.fileOf(name);
    if (file === undefined) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return undefined;
    }
    const sealed = unseal(bytes);
    if (typeof sealed === 'string') return undefined;
    const e = sealed.value as Partial<Entry> | null;
    if (e?.format !== FORMAT || e.key !== this.key || !Array.isArray(e.inputs)) return undefined;
    if (!e.inputs.every((i) => Array.isArray(i) && hashOf(String(i[0])) === i[1])) return undefined;
    return e.value;
  }

  /** Whether an entry of that name was written (it may still not be usable). */
  has(name: string): boolean {
    const file = this.fileOf(name);
    return file !== undefined && existsSync(file);
  }

  put(name: string, inputs: Inputs, value: unknown): void {
    const file = this.fileOf(name);
    if (file === undefined) return;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeSealed(file, { format: FORMAT, key: this.key, inputs, value } satisfies Entry);
    } catch {
      // A cache that cannot be written only makes the next check a full one.
    }
  }
}

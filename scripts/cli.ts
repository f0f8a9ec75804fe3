/**
 * The one way a command-line script ends: its exit code from `main`, and an unexpected error as
 * one readable line rather than a stack trace (GONGSHI_DEBUG=1 prints the stack for maintainers).
 */
export function runMain(main: () => Promise<number>, onError: { prefix?: string; code?: number } = {}): void {
  const { prefix = '', code = 1 } = onError;
  main().then(
    (exit) => {
      process.exitCode = exit;
    },
    (e: unknown) => {
      const msg = e instanceof Error ? e.message : String(e);
      // Script errors meant for staff are whole Chinese sentences; an internal one keeps its first line.
      console.error(prefix ? `${prefix}${msg.split('\n')[0]}` : msg);
      if (process.env.GONGSHI_DEBUG === '1' && e instanceof Error) console.error(e.stack);
      process.exitCode = code;
    },
  );
}

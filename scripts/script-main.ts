// What the benchmark scripts share around their work: numeric settings from the environment, and a main
// that always cleans up and exits with its code.

/** A positive number from the environment variable `name`, or `fallback` when it is unset. */
export function positiveEnv(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`)
  return n
}

/** Runs `main`, then `cleanup` whatever happened, and exits with main's code (1 when it threw: one FAIL line). */
export async function runScript(
  name: string,
  main: () => Promise<number>,
  cleanup: () => Promise<void>,
): Promise<never> {
  let code = 1
  try {
    code = await main()
  } catch (err) {
    console.error(`${name}: FAIL:`, err instanceof Error ? err.message : err)
  } finally {
    await cleanup()
  }
  process.exit(code)
}

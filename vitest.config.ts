import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'
import { experimental_readRawConfig } from 'wrangler'

/**
 * wrangler.toml as the tests see it: the same Worker, written (with absolute paths) into a directory of
 * its own. Wrangler reads `.dev.vars` next to the config it is given, so pointing it at the project's
 * own file would hand a developer's local secrets (a real MAIL_SENDER, SMS keys) to the tests and print
 * "Using secrets defined in .dev.vars" once per test file. The tests set their bindings below instead.
 */
function testWranglerConfig(): string {
  const { rawConfig } = experimental_readRawConfig({ config: './wrangler.toml' })
  const { build: _build, ...config } = rawConfig // the asset build step is for `wrangler dev` and deploys
  const copy = {
    ...config,
    main: resolve(config.main!),
    assets: config.assets && {
      ...config.assets,
      directory: config.assets.directory && resolve(config.assets.directory),
    },
    d1_databases: config.d1_databases?.map((d) => ({
      ...d,
      migrations_dir: d.migrations_dir && resolve(d.migrations_dir),
    })),
  }
  const dir = resolve('node_modules/.cache/laatu-vitest')
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}/wrangler.json`, JSON.stringify(copy, null, 2))
  return `${dir}/wrangler.json`
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations('migrations')
  return {
    plugins: [
      cloudflareTest({
        main: './src/index.ts',
        wrangler: { configPath: testWranglerConfig() },
        miniflare: {
          // Links point at the configured origin, as in production; tests of the unset case pass their own env.
          bindings: {
            ADMIN_TOKEN: 'test-admin-token',
            PUBLIC_BASE_URL: 'http://laatu.test',
            TEST_MIGRATIONS: migrations,
          },
        },
      }),
    ],
    test: {
      include: ['test/**/*.test.ts'],
      exclude: ['test/browser/**'],
      setupFiles: ['./test/setup.ts'],
      // A dot per test, then failures and the summary; CI asks for the per-file list with --reporter=default.
      reporters: ['dot'],
      // Property tests run hundreds of cases; on a busy 2-core machine they need more than 5 s.
      testTimeout: 30_000,
      // Seeding hooks (a programme with providers and keys through the API) too, on a loaded machine.
      hookTimeout: 60_000,
    },
  }
})

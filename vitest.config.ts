import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

export default defineConfig(async () => {
  const migrations = await readD1Migrations('migrations')
  return {
    plugins: [
      cloudflareTest({
        main: './src/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: { ADMIN_TOKEN: 'test-admin-token', TEST_MIGRATIONS: migrations },
        },
      }),
    ],
    test: {
      include: ['test/**/*.test.ts'],
      exclude: ['test/browser/**'],
      setupFiles: ['./test/setup.ts'],
      // Property tests run hundreds of cases; on a busy 2-core machine they need more than 5 s.
      testTimeout: 30_000,
    },
  }
})

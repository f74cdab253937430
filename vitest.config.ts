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
      // Property tests run hundreds of cases; on a busy 2-core machine they need more than 5 s.
      testTimeout: 30_000,
    },
  }
})

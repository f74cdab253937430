import type { D1Migration } from '@cloudflare/vitest-plugin'

declare global {
  namespace Cloudflare {
    interface Env {
      ADMIN_TOKEN: string
      TEST_MIGRATIONS: D1Migration[]
    }
  }
}

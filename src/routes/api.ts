import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../env.ts'
import { requireKey } from '../http/auth.ts'
import { ApiError } from '../http/errors.ts'
import { episodes } from './episodes.ts'
import { keys } from './keys.ts'
import { programmes } from './programmes.ts'
import { publicApi } from './public.ts'
import { respond } from './respond.ts'
import { surveys } from './surveys.ts'

/** 5,000 episodes with contacts fit in well under this. */
const MAX_BODY_BYTES = 8 * 1024 * 1024

export const api = new Hono<AppEnv>()
  .use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`)
      },
    }),
  )
  .use('/keys/*', requireKey)
  .use('/programmes/*', requireKey)
  .use('/episodes/*', requireKey)
  .route('/keys', keys)
  .route('/programmes', programmes)
  .route('/episodes', episodes)
  .route('/surveys', surveys)
  .route('/respond', respond)
  .route('/public', publicApi)

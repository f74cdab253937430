// Copies browser builds of dependencies into public/vendor so the pages load them from this origin
// (the CSP allows only 'self'). Run by wrangler's [build] step before `wrangler dev` and `wrangler deploy`.
import { copyFileSync, mkdirSync } from 'node:fs'

mkdirSync('public/vendor', { recursive: true })
copyFileSync('node_modules/chart.js/dist/chart.umd.min.js', 'public/vendor/chart.umd.min.js')

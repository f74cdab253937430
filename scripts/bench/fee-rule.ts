// The fee benchmark's rule, Pirkanmaa-style with every kind of work: per-client lines, provider-level quality
// and a pool (npm run bench:fees and scripts/bench/fees-harness.ts).
export const RULE = {
  currency: 'EUR',
  components: [
    { type: 'base', perClient: 1000 },
    { type: 'result', outcome: 'recruitment', perClient: 500 },
    { type: 'quality', basis: 'client', perClientMax: 500, scoring: { mode: 'linear' }, nonResponse: 'providerMean' },
    {
      type: 'quality',
      basis: 'provider',
      perClientMax: 100,
      scoring: { mode: 'achievement', threshold: 50, benchmark: 90 },
    },
    { type: 'qualityPool', amount: 200000, threshold: 50, minResponses: 10, minResponseRate: 0.3 },
  ],
}

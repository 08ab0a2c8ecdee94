/**
 * Property tests run with a fixed seed so a failure reproduces on every machine and every rerun
 * (fast-check prints the seed and path of a failure; pass FC_SEED to explore another seed).
 * Loaded for every test file through jest.config.js `setupFilesAfterEnv`.
 */
import fc from "fast-check";

export const FC_SEED = 20261202;

fc.configureGlobal({ seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : FC_SEED, numRuns: 200 });

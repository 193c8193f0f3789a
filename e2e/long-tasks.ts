/**
 * A main-thread task longer than this fails a journey. Long tasks are wall time: on a loaded
 * machine (CI, parallel work) a 150 ms task is stretched past 200 ms by time the machine spent
 * elsewhere, so the tests' bound is generous and the product's 200 ms target is checked on a
 * quiet machine with E2E_LONG_TASK_MS=200. Journeys log their longest task.
 */
export const LONG_TASK_LIMIT_MS = Number(process.env.E2E_LONG_TASK_MS ?? 600);

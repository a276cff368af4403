/**
 * The wait table's place in the process block (see `thread/registry.ts`):
 * a header, then one record per thread that has waited long enough to be
 * seen. Constants only, so the registry can size the block without importing
 * the diagnostics.
 */

/** Header ints. */
export const EPOCH = 0; // bumped whenever a thread starts to count as blocked, or ends
export const DECLARED = 1; // 1 once a deadlock was reported (only one report per process)
export const MODE = 2; // MODE_ON or MODE_OFF, set by main (env UNRAVEL_DEADLOCK or setDeadlockDetection)
export const HANG_MS = 3; // report who waits on what after a wait this long (0: never)
export const TRAP_WARNED = 4; // 1 once the module-state warning was printed
export const HEADER_INTS = 8;

export const MODE_ON = 0;
export const MODE_OFF = 1;

/** Record ints. */
export const R_IDENT = 0; // 0: free
export const R_STATE = 1; // RUNNING, BLOCKED (untimed), TIMED, ENDING
export const R_KIND = 2; // what the thread waits on (an index into KINDS)
export const R_ID = 3; // its object id
export const R_OP = 4; // an index into OPS
export const R_VERIFIED = 5; // the EPOCH at which the thread saw its word unchanged (-1: not yet)
export const R_HOLDER = 6; // who holds what it waits on (a thread ident; 0: nobody known)
export const R_HOLD_VIA = 7; // HOLD_VIA_HOLD when the holder took it with hold()
export const R_SINCE = 8; // float64 at ints 8..9: Date.now() when the wait began
export const R_REPORTED = 10; // 1 once this wait was included in a hang report
export const R_SITE_LENGTH = 11;
export const R_SITE = 16; // UTF-8 bytes of "url:line:col" of the waiting call
export const RECORD_INTS = 80;
export const SITE_BYTES = (RECORD_INTS - R_SITE) * 4;

export const RUNNING = 0;
export const BLOCKED = 1;
export const TIMED = 2;
export const ENDING = 3;

export const RECORDS = 256;
export const WAIT_TABLE_BYTES = (HEADER_INTS + RECORDS * RECORD_INTS) * 4;

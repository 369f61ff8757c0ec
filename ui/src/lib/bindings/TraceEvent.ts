// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { TraceStep } from "./TraceStep";

/**
 * One step in a message's life, at a moment.
 */
export type TraceEvent = { 
/**
 * RFC 3339 UTC with milliseconds.
 */
at: string, 
/**
 * The part (1-based) for per-segment steps; None for the whole message.
 */
part: number | null, step: TraceStep, };

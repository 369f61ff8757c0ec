// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { MessageView } from "./MessageView";
import type { TraceEvent } from "./TraceEvent";
import type { TraceMatch } from "./TraceMatch";
import type { TraceSegment } from "./TraceSegment";

/**
 * A message that matched, with its timeline (oldest first; per-part steps carry `part`).
 */
export type TracedMessage = { message: MessageView, 
/**
 * How this message matched the query.
 */
matchedBy: TraceMatch, 
/**
 * The profile's preset (generic, simulator, telesign, twilio).
 */
preset: string, segments: Array<TraceSegment>, timeline: Array<TraceEvent>, };

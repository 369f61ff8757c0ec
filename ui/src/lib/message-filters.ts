// The Messages / Inbox filter controls' values in the form the backend takes.

/**
 * A `datetime-local` input's value (local time, no zone) as RFC 3339 UTC; null when empty or
 * not a time, so a half-typed value narrows nothing.
 */
export function localInputToIso(value: string): string | null {
  if (!value.trim()) return null;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

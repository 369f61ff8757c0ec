// The only module that talks to the Tauri backend (invoke / listen).
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { ApiError } from '$lib/bindings/ApiError';
import type { BindStatus } from '$lib/bindings/BindStatus';
import type { ConnectionTest } from '$lib/bindings/ConnectionTest';
import type { CredentialStatus } from '$lib/bindings/CredentialStatus';
import type { ConsoleEvent } from '$lib/bindings/ConsoleEvent';
import type { Dissection } from '$lib/bindings/Dissection';
import type { EncodingPreview } from '$lib/bindings/EncodingPreview';
import type { FieldError } from '$lib/bindings/FieldError';
import type { InspectRequest } from '$lib/bindings/InspectRequest';
import type { LoggedPdu } from '$lib/bindings/LoggedPdu';
import type { MessagePage } from '$lib/bindings/MessagePage';
import type { MessageView } from '$lib/bindings/MessageView';
import type { PageQuery } from '$lib/bindings/PageQuery';
import type { ProfileInput } from '$lib/bindings/ProfileInput';
import type { ProfileView } from '$lib/bindings/ProfileView';
import type { ProviderPreset } from '$lib/bindings/ProviderPreset';
import type { PruneReport } from '$lib/bindings/PruneReport';
import type { Retention } from '$lib/bindings/Retention';
import type { SendOutcome } from '$lib/bindings/SendOutcome';
import type { SendRequest } from '$lib/bindings/SendRequest';
import type { SetPassword } from '$lib/bindings/SetPassword';
import type { TraceFilters } from '$lib/bindings/TraceFilters';
import type { TraceResult } from '$lib/bindings/TraceResult';
import type { VacuumReport } from '$lib/bindings/VacuumReport';

export const CONSOLE_EVENT = 'console-event';
export const MESSAGE_LIST_LIMIT = 500;

function isApiError(e: unknown): e is ApiError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as ApiError).code === 'string' &&
    typeof (e as ApiError).message === 'string'
  );
}

/** Turns whatever a rejected invoke/listen gave us into an ApiError, keeping its code when it has one. */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return { code: e.code, message: e.message };
  if (typeof e === 'string') return { code: 'ipc', message: e };
  if (e instanceof Error) return { code: 'ipc', message: e.message || e.name };
  return { code: 'ipc', message: JSON.stringify(e) ?? String(e) };
}

/**
 * Runs one action of a panel of buttons: marks it busy, clears the last error, and records
 * the new one (as an ApiError) if it fails; null then instead of the result.
 */
export async function runAction<K, T>(
  kind: K,
  f: () => Promise<T>,
  set: { busy: (k: K | null) => void; error: (e: ApiError | null) => void },
): Promise<T | null> {
  set.busy(kind);
  set.error(null);
  try {
    return await f();
  } catch (e) {
    set.error(toApiError(e));
    return null;
  } finally {
    set.busy(null);
  }
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

/** Newest first. Rejects with an ApiError. */
export function listMessages(limit = MESSAGE_LIST_LIMIT): Promise<MessageView[]> {
  return call<MessageView[]>('list_messages', { limit });
}

/** One page of the (filtered) log for the Messages / Inbox table. Rejects with an ApiError. */
export function listMessagePage(query: PageQuery): Promise<MessagePage> {
  return call<MessagePage>('list_message_page', { query });
}

/** One per profile. Rejects with an ApiError. */
export function listBinds(): Promise<BindStatus[]> {
  return call<BindStatus[]>('list_binds');
}

/**
 * Sends through `profile` (null: the first bound profile). Resolves once submit_sm_resp (or
 * the failure) is known. Rejects with an ApiError.
 */
export function sendMessage(request: SendRequest, profile: string | null = null): Promise<SendOutcome> {
  return call<SendOutcome>('send_message', { request, profile });
}

/** How `text` would be sent: alphabet, parts, units left. Cheap; rejects with an ApiError. */
export function previewEncoding(text: string): Promise<EncodingPreview> {
  return call<EncodingPreview>('preview_encoding', { text });
}

/** Dissects pasted PDU hex. Rejects with an ApiError (code "validation" for empty or bad hex). */
export function inspectPdus(request: InspectRequest): Promise<Dissection> {
  return call<Dissection>('inspect_pdus', { request });
}

/** Every logged message matching any ID, a phone number or text, with timelines. Rejects with an ApiError. */
export function trace(query: string, filters: TraceFilters): Promise<TraceResult> {
  return call<TraceResult>('trace', { query, filters });
}

/** The same trace as plain text for a provider ticket. Rejects with an ApiError. */
export function traceSummary(query: string, filters: TraceFilters): Promise<string> {
  return call<string>('trace_summary', { query, filters });
}

/** One logged PDU (passwords masked) for the Inspector. Rejects with an ApiError ("not_found"). */
export function loggedPdu(id: number): Promise<LoggedPdu> {
  return call<LoggedPdu>('logged_pdu', { id });
}

/** Unbinds a profile's bind and keeps it down. Rejects with an ApiError. */
export function disconnectBind(profile: string): Promise<void> {
  return call<void>('bind_disconnect', { profile });
}

/** Binds a profile again (also "reconnect"); resolves after the first attempt. Rejects with an ApiError. */
export function connectBind(profile: string): Promise<void> {
  return call<void>('bind_connect', { profile });
}

/** Every profile, the built-in simulator first. Rejects with an ApiError. */
export function listProfiles(): Promise<ProfileView[]> {
  return call<ProfileView[]>('list_profiles');
}

/** The provider presets a new profile can start from, Generic first. */
export function providerPresets(): Promise<ProviderPreset[]> {
  return call<ProviderPreset[]>('provider_presets');
}

/** A new profile's form with preset `preset`'s defaults. Rejects with an ApiError. */
export function profileTemplate(preset: string): Promise<ProfileInput> {
  return call<ProfileInput>('profile_template', { preset });
}

/** The form's problems by field; `editing` is the saved name of the profile being edited (null: new). */
export function validateProfile(input: ProfileInput, editing: string | null): Promise<FieldError[]> {
  return call<FieldError[]>('validate_profile', { input, editing });
}

export function createProfile(input: ProfileInput): Promise<ProfileView> {
  return call<ProfileView>('create_profile', { input });
}

/** Replaces profile `name` (a rename included). Rejects with an ApiError. */
export function updateProfile(name: string, input: ProfileInput): Promise<ProfileView> {
  return call<ProfileView>('update_profile', { name, input });
}

/** A copy of `name` without its password. Rejects with an ApiError. */
export function duplicateProfile(name: string, newName: string): Promise<ProfileView> {
  return call<ProfileView>('duplicate_profile', { name, newName });
}

/** Deletes a profile; resolves with how many logged messages stay in the log. */
export function deleteProfile(name: string): Promise<number> {
  return call<number>('delete_profile', { name });
}

/** The named profiles (all but the built-in one when empty) as JSON, without secrets. */
export function exportProfiles(names: string[]): Promise<string> {
  return call<string>('export_profiles', { names });
}

/** Imports an export (all or nothing); resolves with the names imported. */
export function importProfiles(json: string, replace: boolean): Promise<string[]> {
  return call<string[]>('import_profiles', { json, replace });
}

/** Stores a profile's password in the OS keyring; resolves with the status, never the password. */
export function setPassword(name: string, request: SetPassword): Promise<CredentialStatus> {
  return call<CredentialStatus>('set_password', { name, request });
}

export function deletePassword(name: string): Promise<CredentialStatus> {
  return call<CredentialStatus>('delete_password', { name });
}

/** Whether a password is stored, asking the keyring itself (`problem` when it cannot be reached). */
export function credentialStatus(name: string): Promise<CredentialStatus> {
  return call<CredentialStatus>('credential_status', { name });
}

/** Binds once with the stored password and unbinds; never rejects for a failed bind. */
export function testConnection(name: string): Promise<ConnectionTest> {
  return call<ConnectionTest>('test_connection', { name });
}

/** Binds the profile for traffic; true when the PREVIOUS password (rotation) was used. */
export function connectProfile(name: string): Promise<boolean> {
  return call<boolean>('connect_profile', { name });
}

/** Subscribes to backend pushes. Rejects with an ApiError. */
export async function onConsoleEvent(handler: (event: ConsoleEvent) => void): Promise<UnlistenFn> {
  try {
    return await listen<ConsoleEvent>(CONSOLE_EVENT, (e) => handler(e.payload));
  } catch (e) {
    throw toApiError(e);
  }
}

/** The log retention setting (null: keep forever / no size limit). Rejects with an ApiError. */
export function retentionGet(): Promise<Retention> {
  return call<Retention>('retention_get');
}

/** Stores the retention setting. Rejects with an ApiError (code "validation" with the reason when refused). */
export function retentionSet(retention: Retention): Promise<void> {
  return call<void>('retention_set', { retention });
}

/** Prunes the log by the stored setting now. Rejects with an ApiError. */
export function logPrune(): Promise<PruneReport> {
  return call<PruneReport>('log_prune');
}

/** Rebuilds the database file to give freed space back (slow on a big log). Rejects with an ApiError. */
export function logVacuum(): Promise<VacuumReport> {
  return call<VacuumReport>('log_vacuum');
}

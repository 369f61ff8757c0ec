// Errors shown in the banner: every failed invoke/listen ends up here, never swallowed.
import { toApiError } from '$lib/api';

export interface BannerError {
  id: number;
  context: string;
  code: string;
  message: string;
}

const MAX_SHOWN = 5;

class ErrorStore {
  list = $state.raw<readonly BannerError[]>([]);
  #nextId = 1;

  report(context: string, e: unknown): void {
    const { code, message } = toApiError(e);
    const entry = { id: this.#nextId++, context, code, message };
    this.list = [...this.list, entry].slice(-MAX_SHOWN);
  }

  dismiss(id: number): void {
    this.list = this.list.filter((e) => e.id !== id);
  }

  clear(): void {
    this.list = [];
  }
}

export const errors = new ErrorStore();

import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { nav } from '$lib/stores/nav.svelte';
import { theme } from '$lib/stores/theme.svelte';

declare global {
  interface Window {
    __TAURI_INTERNALS__?: unknown;
  }
}

async function boot(): Promise<void> {
  // Dev only, outside Tauri (plain browser on the Vite server): stand in for the backend.
  // import.meta.env.DEV is false in `vite build`, so this import is dropped from the bundle.
  if (import.meta.env.DEV && !window.__TAURI_INTERNALS__) {
    const { installDevMock } = await import('$lib/dev-mock');
    installDevMock();
  }
  theme.start();
  nav.start();
  mount(App, { target: document.getElementById('app')! });
}

void boot();

// The one Vite-specific API the app uses (bundled scenarios), declared here so that type checking
// does not need vite/client.
interface ImportMeta {
  glob(pattern: string, options: { eager: true; query: '?raw'; import: 'default' }): Record<string, unknown>;
}

/**
 * YAML's parser, for a file unblock reads only when it exists (`.unblock/config.yaml`). Imported
 * through this module of our own: esbuild gives a dynamic import of yaml's CommonJS build a default
 * export alone, so `(await import('yaml')).parseDocument` is undefined in the bundle.
 */
export {parseDocument} from 'yaml';

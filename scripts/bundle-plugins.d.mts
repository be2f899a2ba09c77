import type {Plugin} from 'esbuild';

/** The esbuild plugins build.mjs bundles with (patches to libraries, stubs of unused modules). */
export const bundlePlugins: Plugin[];

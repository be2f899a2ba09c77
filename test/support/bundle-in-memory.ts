import {build, type Plugin} from 'esbuild';

/** One ES module bundled in memory from `contents`, as the build would with these plugins: its code. */
export async function bundleInMemory(contents: string, resolveDir: string, plugins: Plugin[]): Promise<string> {
	const result = await build({
		stdin: {contents, resolveDir},
		bundle: true,
		format: 'esm',
		platform: 'node',
		write: false,
		plugins,
		logLevel: 'silent',
	});
	return result.outputFiles[0]!.text;
}

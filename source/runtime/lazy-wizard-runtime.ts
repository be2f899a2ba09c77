import type {WizardRuntime} from '../ui/wizard-runtime.js';
import type {RuntimeOptions} from './connected-runtime.js';

/**
 * The wizard's runtime, connected on first use: the wizard draws its first frame before the
 * engine client, execa and the knowledge loader are even parsed (connected-runtime.ts is a chunk
 * of its own in the bundle).
 */
export function createWizardRuntime(options: RuntimeOptions): WizardRuntime {
	let connected: Promise<WizardRuntime> | undefined;
	const runtime = async () => {
		connected ??= import('./connected-runtime.js').then(module => module.connectRuntime(options));
		return connected;
	};

	return {
		loadKnowledge: async () => (await runtime()).loadKnowledge(),
		scan: async () => (await runtime()).scan(),
		watch(onChange) {
			let stopped = false;
			let stop: (() => void) | undefined;
			void runtime().then(loaded => {
				if (!stopped) {
					stop = loaded.watch?.(onChange);
				}
			}, () => undefined);
			return () => {
				stopped = true;
				stop?.();
			};
		},
		fix: {
			runCommand: async (command, onOutput, signal) => (await runtime()).fix.runCommand(command, onOutput, signal),
			runCheck: async (check, signal, since) => (await runtime()).fix.runCheck(check, signal, since),
			now: () => Date.now(),
		},
		record: async incident => (await runtime()).record(incident),
		close() {
			void connected?.then(loaded => loaded.close?.());
		},
	};
}

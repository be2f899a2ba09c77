/**
 * What kind of thing a destructive step destroys, from the variable its `destroys` names: a
 * process ({pid}) and a container ({container}) lose no data in volumes or files on the host,
 * so their warning must not claim data loss; anything else (a volume, a file, a directory, a lock
 * file, build cache) is data.
 */
export type DestructionKind = 'process' | 'container' | 'data';

export function destructionKind(destroys: string | undefined): DestructionKind {
	const variable = /^\{([a-z0-9-]+)\}$/.exec(destroys?.trim() ?? '')?.[1];
	if (variable === 'pid' || variable?.endsWith('-pid')) {
		return 'process';
	}

	if (variable === 'container' || variable?.endsWith('-container')) {
		return 'container';
	}

	return 'data';
}

/** The warning's first line for `target`, in the words of what is destroyed. */
export function destructionWarning(kind: DestructionKind, target: string): string {
	switch (kind) {
		case 'process': {
			return `⚠ This step ends process ${target}: what it is doing stops. No files or volumes are deleted.`;
		}

		case 'container': {
			return `⚠ This step removes container ${target}: files written inside it outside its volumes are lost; its volumes are kept.`;
		}

		case 'data': {
			return `⚠ Data loss: this step destroys ${target}. What is in it cannot be recovered.`;
		}
	}
}

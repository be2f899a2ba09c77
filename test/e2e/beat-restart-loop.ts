/**
 * The broken container the end-to-end tests fix: a busybox "celery beat" running as uid 1000
 * that cannot create its schedule in a root-owned (0755) bind mount, so `--restart always`
 * brings it back over and over. Labelled for removeTestResources(); the directory is the
 * caller's to remove.
 */
import path from 'node:path';
import {loadPlaybookFile} from '../../source/adapters/playbook-loader.js';
import type {Playbook} from '../../source/core/playbook-schema.js';
import {docker, inspectState, labelArgs, restartCount, rootOwnedDirectory, testImage, waitFor} from '../support/engine.js';

export type RestartLoop = {
	readonly container: string;
	readonly directory: string;
};

export async function startBeatRestartLoop(project: string): Promise<RestartLoop> {
	const container = `${project}-beat-1`;
	const directory = rootOwnedDirectory('beat');
	docker([
		'run', '-d', '--name', container,
		...labelArgs({'com.docker.compose.project': project, 'com.docker.compose.service': 'beat'}),
		'--user', '1000', '--restart', 'always',
		'-v', `${directory}:/data`,
		testImage, 'sh', '-c', 'touch /data/celerybeat-schedule && echo ok && sleep 3600',
	]);
	// A real restart loop, not the first crash: what the restart-loop detector looks for.
	if (!await waitFor(() => restartCount(container) >= 3, 60_000)) {
		throw new Error(`${container} did not restart three times: ${JSON.stringify(inspectState(container))}`);
	}

	return {container, directory};
}

/** The playbook that fixes it, as shipped: the tests take its title and steps from it, not from a copy. */
export async function volumePermissionPlaybook(): Promise<Playbook> {
	const root = path.join(import.meta.dirname, '..', '..');
	const {playbook, diagnostics} = await loadPlaybookFile(path.join(root, 'playbooks', 'volume-permission-uid-mismatch.yaml'), 'shipped', root);
	if (!playbook) {
		throw new Error(`playbooks/volume-permission-uid-mismatch.yaml does not load: ${JSON.stringify(diagnostics)}`);
	}

	return playbook;
}

/** "Step 4 of 6: Give the directory to the container's user", for the step with this id. */
export function stepHeading(playbook: Playbook, id: string): string {
	const index = playbook.steps.findIndex(step => step.id === id);
	if (index === -1) {
		throw new Error(`${playbook.id} has no step "${id}" any more: update this test`);
	}

	return `Step ${index + 1} of ${playbook.steps.length}: ${playbook.steps[index]!.title}`;
}

/** Small playbooks written as YAML, for the suites that need one of their own. */
import {stringify} from 'yaml';

/** A small valid playbook; `edit` changes the object before it is written out. */
export function playbookYaml(id: string, edit: (playbook: Record<string, unknown>) => void = () => undefined): string {
	const playbook: Record<string, unknown> = {
		id,
		title: 'Health check tool missing',
		cause: 'healthcheck-tool-missing',
		summary: 'The probe calls a tool the image does not have.',
		symptoms: ['container is unhealthy'],
		signatures: [{pattern: 'curl: not found', examples: ['sh: curl: not found']}],
		steps: [{id: 'look', title: 'Look', explanation: 'Read the health log.', manual: 'docker inspect the container', risk: 'read-only'}],
	};
	edit(playbook);
	return stringify(playbook);
}

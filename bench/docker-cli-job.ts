/**
 * The baseline diagnose is compared with: the docker CLI doing the same reads one call after
 * another (list, inspect all, a 50-line log tail of each), as one timed `sh` process. The label
 * filter comes in as an argument, never spliced into the script.
 */
const script = [
	'ids=$(docker ps --all --quiet --filter "label=$1") || exit 1',
	'[ -n "$ids" ] || exit 1',
	'docker inspect $ids > /dev/null || exit 1',
	'for id in $ids; do docker logs --tail 50 "$id" > /dev/null 2>&1 || exit 1; done',
].join('\n');

/** argv of the job over the containers carrying `label` (`key=value`). */
export function dockerCliJob(label: string): [string, ...string[]] {
	return ['sh', '-c', script, 'docker-cli-job', label];
}

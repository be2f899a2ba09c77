import type {ScanProblem} from './snapshot.js';

/** "shop-db-1: logs: timed out after 8000 ms": what could not be read, of which container, and why. */
export function scanProblemLine(problem: ScanProblem): string {
	return `${problem.container ? `${problem.container}: ` : ''}${problem.operation}: ${problem.message}`;
}

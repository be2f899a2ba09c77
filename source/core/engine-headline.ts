import type {EngineInfo} from './snapshot.js';

/**
 * The first line of a report and of the wizard's scan: which engine answered, and where it was
 * found: "Docker 27.3.1 (API 1.47) at unix:///home/me/.colima/default/docker.sock (context colima)".
 */
export function engineHeadline(engine: EngineInfo): string {
	const product = engine.product === 'podman' ? 'Podman' : 'Docker';
	const context = engine.context ? ` (context ${engine.context})` : '';
	return `${product} ${engine.version ?? '(unknown version)'}${engine.apiVersion ? ` (API ${engine.apiVersion})` : ''} at ${engine.host}${context}`;
}

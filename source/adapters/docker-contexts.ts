/**
 * The docker CLI's context store, read the way the CLI reads it: the config directory is
 * DOCKER_CONFIG or ~/.docker; config.json's `currentContext` names the context in use; a context's
 * endpoint is in contexts/meta/<sha256 of its name>/meta.json (Endpoints.docker.Host and
 * SkipTLSVerify) and its TLS material in contexts/tls/<sha256 of its name>/docker/{ca,cert,key}.pem.
 */
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Environment = Readonly<Record<string, string | undefined>>;

/** The context that stands for DOCKER_HOST or the platform's socket; it has no files. */
export const defaultContextName = 'default';

export type ContextEndpoint = {
	readonly name: string;
	/** Endpoints.docker.Host as written: unix:///..., tcp://..., ssh://... */
	readonly host: string;
	readonly skipTlsVerify: boolean;
	/** Whichever of ca.pem, cert.pem and key.pem the context stores. */
	readonly tls: {readonly ca?: Buffer; readonly cert?: Buffer; readonly key?: Buffer};
};

/** A context that cannot be used: it does not exist, or its files cannot be read. */
export class ContextStoreError extends Error {
	override readonly name = 'ContextStoreError';

	constructor(message: string, readonly hint: string) {
		super(message);
	}
}

export function dockerConfigDirectory(environment: Environment): string {
	return environment.DOCKER_CONFIG || path.join(environment.HOME || os.homedir(), '.docker');
}

/** config.json's currentContext, if the file has one; a missing or unreadable file has none, as for the CLI. */
export function currentContextName(environment: Environment): string | undefined {
	const file = path.join(dockerConfigDirectory(environment), 'config.json');
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}

	let config: unknown;
	try {
		config = JSON.parse(text);
	} catch {
		throw new ContextStoreError(`${file} is not valid JSON`, 'fix or remove the file, or choose the engine with --host or DOCKER_HOST');
	}

	const current = (config as {currentContext?: unknown} | null)?.currentContext;
	return typeof current === 'string' && current.trim() ? current.trim() : undefined;
}

/** The CLI's rule for context names; anything else cannot have been created with docker context create. */
const contextNamePattern = /^[a-zA-Z\d][a-zA-Z\d_.+-]*$/;

/** Reads a (non-default) context's docker endpoint and TLS material. */
export function readContextEndpoint(name: string, environment: Environment): ContextEndpoint {
	const listHint = 'docker context ls lists the contexts; docker context use <name> switches';
	if (!contextNamePattern.test(name)) {
		throw new ContextStoreError(`"${name}" is not a docker context name`, listHint);
	}

	const directory = dockerConfigDirectory(environment);
	const id = createHash('sha256').update(name).digest('hex');
	const metaFile = path.join(directory, 'contexts', 'meta', id, 'meta.json');
	let text: string;
	try {
		text = readFileSync(metaFile, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw code === 'ENOENT'
			? new ContextStoreError(`there is no docker context "${name}" (in ${directory})`, listHint)
			: new ContextStoreError(`cannot read docker context "${name}" (${metaFile}: ${code ?? 'error'})`, listHint);
	}

	let meta: {Endpoints?: {docker?: {Host?: unknown; SkipTLSVerify?: unknown}}};
	try {
		meta = JSON.parse(text) as typeof meta;
	} catch {
		throw new ContextStoreError(`docker context "${name}" has a meta.json that is not valid JSON (${metaFile})`, 'docker context inspect <name> shows it; recreate the context with docker context create');
	}

	const endpoint = meta?.Endpoints?.docker;
	if (typeof endpoint?.Host !== 'string' || !endpoint.Host.trim()) {
		throw new ContextStoreError(`docker context "${name}" has no Docker endpoint`, 'docker context inspect <name> shows it; docker context update <name> --docker host=... sets one');
	}

	const tlsDirectory = path.join(directory, 'contexts', 'tls', id, 'docker');
	const tls: {ca?: Buffer; cert?: Buffer; key?: Buffer} = {};
	for (const part of ['ca', 'cert', 'key'] as const) {
		const content = readOptional(path.join(tlsDirectory, `${part}.pem`));
		if (content) {
			tls[part] = content;
		}
	}

	return {name, host: endpoint.Host.trim(), skipTlsVerify: endpoint.SkipTLSVerify === true, tls};
}

function readOptional(file: string): Buffer | undefined {
	try {
		return readFileSync(file);
	} catch {
		return undefined;
	}
}

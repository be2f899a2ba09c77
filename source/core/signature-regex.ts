import type {Signature} from './playbook-schema.js';

const compiled = new WeakMap<Signature, RegExp>();

/**
 * The regular expression of a signature from a loaded playbook. The loader has already refused
 * invalid, unsafe and too broad patterns (regex-safety.ts), so this only compiles, once per
 * signature: search, note linking and lint all ask for the same ones.
 */
export function signatureRegex(signature: Signature): RegExp {
	let regex = compiled.get(signature);
	if (!regex) {
		regex = new RegExp(signature.pattern, signature.flags);
		compiled.set(signature, regex);
	}

	return regex;
}

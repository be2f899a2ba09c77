/**
 * The environment every timed process gets, ours and the baselines alike. NODE_EXTRA_CA_CERTS
 * goes: reading that bundle adds about 110 ms to every node start here, which would swamp what
 * the benchmark measures.
 */
export function timingEnvironment(environment: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const {NODE_EXTRA_CA_CERTS: _extraCertificates, ...rest} = environment;
	return rest;
}

/** For the wizard: it only opens in a terminal and not in CI, so CI goes too, and TERM is set. */
export function terminalEnvironment(environment: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const {CI: _ci, ...rest} = timingEnvironment(environment);
	return {...rest, TERM: rest.TERM && rest.TERM !== 'dumb' ? rest.TERM : 'xterm-256color'};
}

/** A kind cluster's local registry that is not on the cluster's network. */
import {describe, expect, it} from 'vitest';
import {registryOffClusterNetworkDetector} from '../../../source/core/detectors/registry-off-cluster-network.js';
import type {ContainerSnapshot} from '../../../source/core/snapshot.js';
import {container, snapshot} from './snapshot-builders.js';

const on = (...networks: string[]) => ({networks, attachments: networks.map(network => ({network, aliases: []}))});
const node = (name: string, cluster = 'dev', ...networks: string[]) => container({name, image: 'kindest/node:v1.31.0', labels: {'io.x-k8s.kind.cluster': cluster}, ...on(...(networks.length > 0 ? networks : ['kind']))});
const registry = (overrides: Partial<ContainerSnapshot> = {}) => container({
	name: 'kind-registry',
	image: 'registry:2',
	ports: [{containerPort: 5000, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 5001}],
	...on('bridge'),
	...overrides,
});

describe('registry-off-cluster-network', () => {
	it.each([
		['kind-registry on bridge only', [node('dev-control-plane'), node('dev-worker'), registry()], 'registry container kind-registry is not on network kind of kind cluster dev (it is on bridge)'],
		['a registry image under another name', [node('dev-control-plane'), registry({name: 'local-images', image: 'docker.io/library/registry:2.8'})], 'registry container local-images is not on network kind of kind cluster dev (it is on bridge)'],
		['a registry named so, on a network of its own', [node('dev-control-plane'), registry({image: 'ghcr.io/acme/cache:1', ...on('registry-net')})], 'registry container kind-registry is not on network kind of kind cluster dev (it is on registry-net)'],
	])('reports %s', (_name, containers, fact) => {
		const findings = registryOffClusterNetworkDetector.detect(snapshot(containers));
		expect(findings).toHaveLength(1);
		expect(findings[0]?.evidence[0]?.text).toBe(fact);
		expect(findings[0]?.sourcedText?.facts).toBe(fact);
	});

	it.each([
		['no kind cluster', [registry()]],
		['the registry on the kind network too', [node('dev-control-plane'), registry(on('bridge', 'kind'))]],
		['a stopped registry (nothing to connect yet)', [node('dev-control-plane'), registry({state: 'exited', exitCode: 0})]],
		['no registry', [node('dev-control-plane'), container({name: 'web', image: 'nginx:1', ...on('bridge')})]],
		['a name that only contains the word (registryctl is no registry)', [node('dev-control-plane'), container({name: 'registryctl', image: 'tools:1', ...on('bridge')})]],
	])('does not report %s', (_name, containers) => {
		expect(registryOffClusterNetworkDetector.detect(snapshot(containers))).toEqual([]);
	});

	it('names the network the nodes are on, a node (the control plane first) and the registry port for the fix', () => {
		const [finding] = registryOffClusterNetworkDetector.detect(snapshot([node('dev-worker', 'dev', 'kind-dev'), node('dev-control-plane', 'dev', 'kind-dev'), registry()]));
		expect(finding?.facts).toMatchObject({container: 'kind-registry', 'cluster-network': 'kind-dev', node: 'dev-control-plane', port: '5001'});
		expect(finding?.severity).toBe('warning');
		expect(finding?.evidence.map(item => item.text)).toEqual([
			'registry container kind-registry is not on network kind-dev of kind cluster dev (it is on bridge)',
			'kind cluster dev: nodes dev-control-plane, dev-worker on network kind-dev',
			'registry publishes 127.0.0.1:5001->5000',
		]);
	});
});

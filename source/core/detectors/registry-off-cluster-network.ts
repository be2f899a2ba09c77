import type {Detector, Finding} from '../finding.js';
import type {ContainerSnapshot} from '../snapshot.js';
import {factsOf, findingBasics, matchTextOf, sourcedTextOf} from './container-evidence.js';
import {registryOffClusterFact} from './fact-lines.js';

/** The label kind puts on every node container, with the cluster's name. */
export const kindClusterLabel = 'io.x-k8s.kind.cluster';

/**
 * A kind cluster (node containers labelled io.x-k8s.kind.cluster) and a local registry container
 * that runs but is attached to none of the cluster's networks: the nodes pull localhost:PORT
 * images through the registry's name on that network (kind's local-registry setup), which then
 * does not resolve. Typical after the cluster was re-created around a registry left running. A
 * registry is a container whose image is a registry (registry:2, distribution, zot) or whose name
 * says registry.
 */
export const registryOffClusterNetworkDetector: Detector = {
	id: 'registry-off-cluster-network',
	description: 'A running local registry container that is not attached to the network of the kind cluster on this engine.',
	detect(snapshot) {
		const clusters = kindClusters(snapshot.containers);
		if (clusters.length === 0) {
			return [];
		}

		return snapshot.containers
			.filter(container => container.state === 'running' && !container.labels[kindClusterLabel] && isRegistry(container))
			.flatMap((registry): Finding[] => {
				const networks = registry.attachments?.map(attachment => attachment.network) ?? registry.networks;
				if (clusters.some(cluster => networks.includes(cluster.network))) {
					return [];
				}

				const [cluster] = clusters;
				const fact = registryOffClusterFact(registry.name, cluster!.network, cluster!.name, networks);
				const published = registry.ports.find(binding => binding.hostPort !== undefined);
				return [{
					...findingBasics(registry, snapshot.takenAt),
					symptom: 'registry-off-cluster-network',
					// The nodes' own configuration is not read: that they pull from this registry is likely, not proven.
					severity: 'warning',
					summary: `is not on network ${cluster!.network}, where the nodes of kind cluster ${cluster!.name} are`,
					evidence: [
						{kind: 'network', text: fact},
						...clusters.map(each => ({kind: 'network' as const, text: `kind cluster ${each.name}: nodes ${each.nodes.map(node => node.name).join(', ')} on network ${each.network}`})),
						...(published ? [{kind: 'port' as const, text: `registry publishes ${published.hostIp ? `${published.hostIp}:` : ''}${published.hostPort}->${published.containerPort}`}] : []),
					],
					exitCode: undefined,
					matchText: matchTextOf(registry, [], [fact]),
					sourcedText: sourcedTextOf(registry, [fact]),
					facts: factsOf(registry, {
						'cluster-network': cluster!.network,
						node: cluster!.nodes[0]!.name,
						...(published?.hostPort === undefined ? {} : {port: String(published.hostPort)}),
					}),
				}];
			});
	},
};

type KindCluster = {readonly name: string; readonly network: string; readonly nodes: readonly ContainerSnapshot[]};

/** Each cluster with its nodes (control plane first) and the network most of them are on (kind's own is "kind"). */
function kindClusters(containers: readonly ContainerSnapshot[]): KindCluster[] {
	const byName = new Map<string, ContainerSnapshot[]>();
	for (const container of containers) {
		const name = container.labels[kindClusterLabel];
		if (name) {
			byName.set(name, [...byName.get(name) ?? [], container]);
		}
	}

	return [...byName.entries()].flatMap(([name, nodes]) => {
		const counts = new Map<string, number>();
		for (const network of nodes.flatMap(node => node.attachments?.map(attachment => attachment.network) ?? node.networks)) {
			counts.set(network, (counts.get(network) ?? 0) + 1);
		}

		const [network] = [...counts.entries()].sort(([left, leftCount], [right, rightCount]) => rightCount - leftCount || Number(right === 'kind') - Number(left === 'kind'))[0] ?? [];
		const ordered = [...nodes].sort((left, right) => Number(right.name.endsWith('control-plane')) - Number(left.name.endsWith('control-plane')) || left.name.localeCompare(right.name));
		return network ? [{name, network, nodes: ordered}] : [];
	});
}

function isRegistry(container: ContainerSnapshot): boolean {
	const repository = container.image.replace(/[@:][^/]*$/, '').split('/').at(-1) ?? '';
	return /^(?:registry|distribution|zot)$/.test(repository) || /(?:^|[-_.])registry(?:$|[-_.\d])/.test(container.name);
}

/**
 * The root causes unblock knows, in the project's own words. Every playbook names exactly one
 * `cause` from this list; slugs may be added but never renamed, because scripts key on them.
 */

export const causeGroups = {
	startup: 'Containers that will not start or keep restarting',
	health: 'Health checks and start order',
	network: 'Ports and networking',
	config: 'Configuration, environment and secrets',
	build: 'Images, builds and caches',
	engine: 'Docker engine and host',
	kubernetes: 'Kubernetes in Docker (kind, minikube)',
} as const;

export type CauseGroup = keyof typeof causeGroups;

export type Cause = {
	readonly slug: string;
	readonly group: CauseGroup;
	/** Came from one of the blocker logs the project was seeded with. */
	readonly seed: boolean;
	readonly description: string;
};

export const causes = [
	{slug: 'volume-permission-uid-mismatch', group: 'startup', seed: true, description: 'a non-root process in the container cannot write a bind mount or volume owned by another uid (EACCES, Errno 13; Next.js .next/trace, celerybeat-schedule)'},
	{slug: 'volume-device-busy', group: 'startup', seed: true, description: 'the image manages a directory that is also a mount point, e.g. LocalStack\'s /tmp/localstack with a named volume on Windows/WSL2: "Device or resource busy"'},
	{slug: 'db-data-dir-permissions', group: 'startup', seed: true, description: 'PostgreSQL refuses its data directory: wrong owner, or mode not 0700/0750; initdb run as the wrong user'},
	{slug: 'db-data-on-host-bind-mount', group: 'startup', seed: false, description: 'a database data directory bind-mounted from a Windows/macOS host folder that lacks Unix ownership or fsync semantics; a named volume is the fix'},
	{slug: 'pg-initdb-dir-not-empty', group: 'startup', seed: false, description: 'initdb refuses a data directory that already holds files (lost+found, leftovers)'},
	{slug: 'db-init-env-ignored-existing-volume', group: 'startup', seed: false, description: 'POSTGRES_* / MONGO_INITDB_* changed, but the volume is already initialised so the entrypoint skips them'},
	{slug: 'db-major-version-mismatch', group: 'startup', seed: false, description: 'a floating tag jumped a major version; the old data files are incompatible'},
	{slug: 'db-lock-file-in-use', group: 'startup', seed: true, description: 'the database finds its lock held or stale: mongod.lock DBPathInUse, two instances on one data directory, leftover postmaster.pid'},
	{slug: 'stale-pidfile-on-restart', group: 'startup', seed: false, description: 'a pidfile (celerybeat.pid and the like) left in a persisted path stops the process after a restart'},
	{slug: 'app-code-missing', group: 'startup', seed: true, description: 'the service starts but its code is not in the image or mount: ModuleNotFoundError, Cannot find module, could not import ASGI app'},
	{slug: 'app-crash-on-startup', group: 'startup', seed: false, description: 'the application itself crashes at start (missing dependency, bad config); the answer is in its logs'},
	{slug: 'command-not-found', group: 'startup', seed: false, description: 'the command or entrypoint binary is not in the image: exec "x": executable file not found in $PATH, exit 127'},
	{slug: 'entrypoint-not-executable', group: 'startup', seed: false, description: 'the entrypoint script lacks the execute bit: exec permission denied, exit 126'},
	{slug: 'crlf-line-endings', group: 'startup', seed: false, description: 'a shell script with Windows line endings: "/bin/sh^M", "exec /entrypoint.sh: no such file or directory"'},
	{slug: 'shell-missing-in-image', group: 'startup', seed: false, description: 'the command or shebang uses bash in an image that has only sh (Alpine, busybox, distroless)'},
	{slug: 'wrong-cpu-architecture', group: 'startup', seed: false, description: 'image or binary built for another CPU: exec format error (arm64 vs amd64)'},
	{slug: 'legacy-image-vsyscall', group: 'startup', seed: false, description: 'very old images (CentOS 6 era) segfault with exit 139 on kernels without vsyscall emulation'},
	{slug: 'oom-killed', group: 'startup', seed: false, description: 'the kernel killed the process for memory: OOMKilled, exit 137, a too-small memory limit or Docker VM'},
	{slug: 'no-foreground-process', group: 'startup', seed: false, description: 'the main process exits at once: a daemon that backgrounds itself, an interactive default command'},
	{slug: 'python-stdout-buffering', group: 'startup', seed: false, description: 'Python buffers stdout when not on a TTY, so docker logs look empty'},
	{slug: 'es-vm-max-map-count', group: 'startup', seed: false, description: 'Elasticsearch bootstrap check: vm.max_map_count too low on the host or Docker VM'},
	{slug: 'host-native-modules-in-container', group: 'startup', seed: false, description: 'node_modules built on macOS/Windows copied or mounted into a Linux container: invalid ELF header'},
	{slug: 'healthcheck-tool-missing', group: 'health', seed: true, description: 'the health check calls curl or wget and the image has neither: "curl: not found", exit 127 in the health log'},
	{slug: 'healthcheck-wrong-port', group: 'health', seed: false, description: 'the health check probes a port or path the service does not serve'},
	{slug: 'healthcheck-start-period-too-short', group: 'health', seed: false, description: 'first boot takes longer than retries x interval (or start_period) allow'},
	{slug: 'depends-on-not-ready', group: 'health', seed: false, description: 'depends_on waits for start, not readiness; the app races its database'},
	{slug: 'dependency-container-unhealthy', group: 'health', seed: false, description: 'compose refuses to start a service because a dependency is unhealthy ("dependency failed to start")'},
	{slug: 'healthcheck-output-parsing', group: 'health', seed: true, description: 'a health script parses JSON with a brittle pattern (whitespace), so a healthy service reads as unhealthy'},
	{slug: 'host-port-conflict', group: 'network', seed: true, description: 'the host port is already taken by another container or host process: "port is already allocated", "address already in use"'},
	{slug: 'port-forward-orphan', group: 'network', seed: true, description: 'a leftover kubectl port-forward (or similar background process) still holds the port'},
	{slug: 'rootless-privileged-port', group: 'network', seed: false, description: 'rootless Docker/Podman cannot publish ports below 1024'},
	{slug: 'container-name-conflict', group: 'network', seed: true, description: 'a fixed container name is already used by an existing, maybe stopped, container'},
	{slug: 'localhost-inside-container', group: 'network', seed: false, description: 'a service connects to localhost instead of the other service\'s compose name'},
	{slug: 'app-binds-loopback-in-container', group: 'network', seed: false, description: 'the server listens on 127.0.0.1 inside its container, so published ports and other containers cannot reach it'},
	{slug: 'host-docker-internal-linux', group: 'network', seed: false, description: 'host.docker.internal does not exist on Linux without host-gateway'},
	{slug: 'service-hostname-unresolvable', group: 'network', seed: true, description: 'a service advertises or dials a hostname other containers cannot resolve (Patroni connect addresses, wrong network)'},
	{slug: 'service-port-not-published', group: 'network', seed: true, description: 'a port other tools need (etcd client/peer ports and the like) is not published or mapped'},
	{slug: 'container-dns-resolution', group: 'network', seed: false, description: 'containers cannot resolve any name: the host resolver is on loopback (dnsmasq) or DNS is blocked'},
	{slug: 'hosts-file-override', group: 'network', seed: false, description: 'a stale /etc/hosts entry maps a service name to the wrong address'},
	{slug: 'stale-network-reference', group: 'network', seed: false, description: 'a compose network was removed while containers still point at its old id: "network ... not found"'},
	{slug: 'dependency-container-not-running', group: 'network', seed: false, description: 'a name does not resolve because the container behind it crashed or exited'},
	{slug: 'tls-interception-proxy-ca', group: 'network', seed: false, description: 'a corporate proxy re-signs TLS and the image lacks its CA: CERTIFICATE_VERIFY_FAILED during build or run'},
	{slug: 'redis-protected-mode', group: 'network', seed: false, description: 'Redis protected mode rejects clients from other hosts when no bind/password is set'},
	{slug: 'redis-exposed-unauthenticated', group: 'network', seed: false, description: 'Redis published to the network without a password was tampered with (MISCONF and friends)'},
	{slug: 'compose-env-interpolation', group: 'config', seed: false, description: '${VAR} in a compose file is not set: .env not found from the working directory, or env_file mistaken for interpolation'},
	{slug: 'env-not-expanded-in-config', group: 'config', seed: true, description: 'a non-compose config file (patroni.yml and the like) contains ${VAR}, which YAML does not expand'},
	{slug: 'secrets-not-gitignored', group: 'config', seed: true, description: 'a .env or secrets file is not ignored by git and can be committed'},
	{slug: 'nextjs-public-env-build-time', group: 'config', seed: false, description: 'NEXT_PUBLIC_* values are fixed at build time; runtime env has no effect'},
	{slug: 'etcd-api-version-mismatch', group: 'config', seed: true, description: 'a client uses the etcd v2 API while etcd 3.4+ serves v3 only'},
	{slug: 'etcd-member-state-mismatch', group: 'config', seed: false, description: 'an etcd member restarts as "new" without its data dir: "has already been bootstrapped"'},
	{slug: 'etcd-quorum-lost', group: 'config', seed: false, description: 'too many etcd members are down; the cluster has no quorum'},
	{slug: 'mongo-auth-source', group: 'config', seed: false, description: 'the root user lives in the admin database; authenticating against the app database fails'},
	{slug: 'celery-broker-url-unset', group: 'config', seed: false, description: 'Celery has no broker URL and falls back to amqp://localhost'},
	{slug: 'celery-task-not-registered', group: 'config', seed: false, description: 'the worker starts from the wrong module, so tasks arrive unregistered'},
	{slug: 'localstack-lambda-endpoint', group: 'config', seed: false, description: 'Lambda containers started by LocalStack cannot reach LocalStack via localhost'},
	{slug: 'grafana-plugin-proxy-scheme', group: 'config', seed: true, description: 'a Grafana datasource plugin proxies with an empty URL scheme ("unsupported protocol scheme")'},
	{slug: 'build-context-missing-file', group: 'build', seed: true, description: 'COPY names a file that is not in the build context (Cargo.lock, a script)'},
	{slug: 'dockerignore-excludes-needed-file', group: 'build', seed: false, description: '.dockerignore drops a file the Dockerfile copies'},
	{slug: 'python-dependency-conflict', group: 'build', seed: true, description: 'pinned Python packages cannot be resolved together (Poetry "version solving failed", pip ResolutionImpossible)'},
	{slug: 'python-lockfile-mismatch', group: 'build', seed: false, description: 'poetry.lock is out of date with pyproject.toml or written by a newer Poetry'},
	{slug: 'npm-peer-dep-conflict-in-build', group: 'build', seed: false, description: 'npm ERESOLVE only inside the image (an .npmrc that was not copied)'},
	{slug: 'build-cache-mount-stale', group: 'build', seed: true, description: 'a cache mount keeps stale build output, so source changes do not rebuild'},
	{slug: 'stale-image-not-rebuilt', group: 'build', seed: false, description: 'compose reuses an old image or container; changes need up --build'},
	{slug: 'bind-mount-hides-node-modules', group: 'build', seed: false, description: 'a source bind mount hides the node_modules installed in the image'},
	{slug: 'podman-short-name-resolution', group: 'build', seed: false, description: 'Podman has no registry to resolve a short image name'},
	{slug: 'clock-skew', group: 'build', seed: false, description: 'the Docker VM clock drifted (after sleep): "Release file is not valid yet"'},
	{slug: 'docker-vm-disk-full', group: 'build', seed: false, description: 'the Docker disk or VM is full: "no space left on device"'},
	{slug: 'docker-daemon-not-running', group: 'engine', seed: false, description: 'no engine answers: Docker Desktop or dockerd is not started'},
	{slug: 'docker-socket-permission', group: 'engine', seed: false, description: 'the user cannot open /var/run/docker.sock (not in the docker group yet)'},
	{slug: 'docker-context-socket-mismatch', group: 'engine', seed: false, description: 'an engine runs, but the docker CLI\'s current context or DOCKER_HOST (or a tool that ignores contexts) points at another socket: Docker Desktop\'s ~/.docker/run/docker.sock, Colima, Rancher Desktop, OrbStack'},
	{slug: 'docker-desktop-file-sharing', group: 'engine', seed: false, description: 'a bind-mount source is outside Docker Desktop\'s shared paths'},
	{slug: 'file-watch-no-events-windows-mount', group: 'engine', seed: false, description: 'hot reload is dead because files on a Windows mount emit no inotify events'},
	{slug: 'inotify-limits', group: 'engine', seed: false, description: 'the host\'s inotify limits are exhausted ("too many open files")'},
	{slug: 'rootless-userns-mapping', group: 'engine', seed: false, description: 'rootless Docker/Podman maps the container uid to another host uid, so bind-mount ownership does not match'},
	{slug: 'compose-orphan-containers', group: 'engine', seed: false, description: 'containers from renamed services or another project with the same name linger'},
	{slug: 'k8s-image-tag-cache', group: 'kubernetes', seed: true, description: 'a rebuilt image pushed under the same tag is not picked up: the node\'s containerd serves the cached one'},
	{slug: 'k8s-latest-tag-pull-policy', group: 'kubernetes', seed: false, description: 'the :latest tag defaults imagePullPolicy to Always and ignores side-loaded images'},
	{slug: 'local-image-not-in-cluster-runtime', group: 'kubernetes', seed: false, description: 'an image built with the host\'s Docker is not in the cluster\'s own runtime: ErrImagePull, ErrImageNeverPull'},
	{slug: 'registry-not-on-cluster-network', group: 'kubernetes', seed: true, description: 'the local registry container exists but is not connected to the kind network'},
	{slug: 'k8s-downward-api-env-missing', group: 'kubernetes', seed: true, description: 'POD_NAME / POD_NAMESPACE are not injected into every container that needs them'},
] as const satisfies readonly Cause[];

export type CauseSlug = (typeof causes)[number]['slug'];

export const causeSlugs = causes.map(cause => cause.slug) as [CauseSlug, ...CauseSlug[]];

const causeBySlug = new Map<string, Cause>(causes.map(cause => [cause.slug, cause]));

export function findCause(slug: string): Cause | undefined {
	return causeBySlug.get(slug);
}

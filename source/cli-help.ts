export const helpText = `
  A terminal wizard that diagnoses broken local Docker stacks and walks you through fixes your
  team has already found.

  Usage
    $ unblock                          open the wizard (in a terminal)
    $ unblock search <words or error>  rank playbooks and past blockers
    $ unblock diagnose                 report broken containers, with evidence
    $ unblock fix <playbook>           walk through a playbook's fix
    $ unblock playbooks                list the playbooks
    $ unblock lint                     check every playbook and knowledge file
    $ unblock record                   save a solved incident to the blocker log

  Options
    --json                 machine-readable output (search, diagnose, playbooks, lint)
    --limit N              how many search results (default 5)
    --project NAME         diagnose one compose project
    --host URL             Docker engine to use (default: DOCKER_HOST, the docker context, the local socket)
    --context NAME         docker context whose engine to use (default: DOCKER_CONTEXT, docker context use)
    --container NAME       the container a fix is about
    --dry-run              show every command and check of a fix, run none
    --yes                  run a fix without questions (refuses destructive steps, and
                           changing steps whose values are only the playbook's defaults)
    --set NAME=VALUE       a value for a fix's variable (repeatable); wins over the evidence
    --allow-destructive    with --yes, also run steps that destroy data
    --playbooks DIR        also load playbooks from DIR (repeatable)
    --knowledge PATH       also search blocker logs in PATH, a file or directory (repeatable)
    --title, --cause, --symptom, --resolution, --file   fields for record
    --root-cause, --evidence, --tried, --worked, --tradeoff, --lesson   more record fields
    --help, --version

  Exit codes
    0  done: results found, nothing broken, fix checks pass, lint clean
    1  nothing matched (search), something is broken or unreadable (diagnose),
       a fix whose checks still fail (fix --yes), lint errors
    2  bad usage (also a --project that matches no container: the
       message names the projects there are), the Docker engine
       cannot be reached, or record cannot write the blocker log
    70  an internal error: a bug in unblock (UNBLOCK_DEBUG=1 shows where)
    130/143  interrupted (Ctrl-C / SIGTERM)

  Examples
    $ unblock search "postgres keeps restarting permission denied"
    $ docker logs web 2>&1 | unblock search
    $ unblock diagnose --json --project shop
    $ unblock fix volume-permission-uid-mismatch --container shop-beat-1
`;
